"""Training corpus data files (JSON lines); a package so that installs ship them."""
