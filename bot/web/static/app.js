// modbot dashboard: keyboard shortcuts, reveal of sensitive text, live reply-guard verdicts.
// Loaded as a file (the Content-Security-Policy forbids inline scripts). Comment text is only
// ever placed with textContent, never innerHTML.
"use strict";

(function () {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  // ---- help overlay
  const help = document.getElementById("help");
  function toggleHelp(show) {
    if (!help) return;
    help.hidden = show === undefined ? !help.hidden : !show;
    if (!help.hidden) help.querySelector("button").focus();
  }
  document.querySelectorAll("[data-help]").forEach((b) => b.addEventListener("click", () => toggleHelp(true)));
  document.querySelectorAll("[data-help-close]").forEach((b) => b.addEventListener("click", () => toggleHelp(false)));

  // ---- sensitive (crisis) text: blurred until a click, Enter or Space. The item's own message is
  // shown by its form (a recorded view, POST); other text (a parent comment) is shown in place.
  function reveal(el) {
    const form = document.querySelector('[data-reveal-form="' + el.id + '"]');
    if (form) { if (form.requestSubmit) form.requestSubmit(); else form.submit(); return; }
    el.classList.add("revealed");
    el.removeAttribute("role");
    el.setAttribute("aria-label", "Message");
  }
  document.querySelectorAll("[data-sensitive]").forEach((el) => {
    el.addEventListener("click", () => reveal(el));
    el.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); reveal(el); }
    });
  });
  document.querySelectorAll(".excerpt.sensitive").forEach((el) => {
    el.addEventListener("click", (ev) => {
      if (!el.classList.contains("revealed")) { ev.preventDefault(); el.classList.add("revealed"); }
    });
  });

  // ---- reply guard, as you type
  const reply = document.getElementById("reply-text");
  const verdictBox = document.querySelector("[data-guard-verdict]");
  let timer = null;
  let sequence = 0;
  function showVerdict(verdict) {
    if (!verdictBox) return;
    verdictBox.textContent = "";
    const head = document.createElement("b");
    head.textContent = verdict.blocked ? "Blocked by the reply guard" : "The reply guard allows this reply";
    verdictBox.className = "guard " + (verdict.blocked ? "guard-blocked" : "guard-ok");
    verdictBox.appendChild(head);
    const lines = (verdict.problems || []).map((t) => ["problem", t])
      .concat((verdict.warnings || []).map((t) => ["warning", t]));
    if (lines.length) {
      const list = document.createElement("ul");
      lines.forEach(([kind, text]) => {
        const li = document.createElement("li");
        li.className = kind;
        li.textContent = (kind === "warning" ? "Warning: " : "") + text;
        list.appendChild(li);
      });
      verdictBox.appendChild(list);
    }
  }
  function checkGuard() {
    if (!reply || !reply.dataset.guardUrl) return;
    const mine = ++sequence;
    fetch(reply.dataset.guardUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), "Accept": "application/json" },
      body: JSON.stringify({ text: reply.value }),
    }).then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((verdict) => { if (mine === sequence) showVerdict(verdict); })
      .catch(() => { if (mine === sequence && verdictBox) verdictBox.textContent = "Could not check the reply right now; it is checked again when you approve."; });
  }
  // The editor fits the reply: as tall as its text (a phone's stylesheet caps it), never a
  // scrolling slot around a long crisis reply.
  function fit() {
    if (!reply || !reply.hasAttribute("data-fit")) return;
    reply.style.height = "auto";
    reply.style.height = (reply.scrollHeight + reply.offsetHeight - reply.clientHeight) + "px";
  }
  if (reply) {
    fit();
    reply.addEventListener("input", fit);
    window.addEventListener("resize", fit);
  }
  if (reply && !reply.readOnly) {
    reply.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(checkGuard, 250); });
    checkGuard();
  }
  document.querySelectorAll("[data-suggestion-text]").forEach((radio) => {
    radio.addEventListener("change", () => {
      if (reply && radio.checked) { reply.value = radio.dataset.suggestionText; fit(); checkGuard(); }
    });
  });

  // ---- stats: a chart that scrolls sideways on a phone starts at its latest days
  document.querySelectorAll("[data-scroll-latest]").forEach((wrap) => { wrap.scrollLeft = wrap.scrollWidth; });

  // ---- queue: selection and actions
  const rows = Array.from(document.querySelectorAll("[data-row]"));
  let selected = -1;
  function select(index) {
    if (!rows.length) return;
    selected = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach((row, i) => row.classList.toggle("selected", i === selected));
    const link = rows[selected].querySelector("a.open");
    if (link) link.focus({ preventScroll: true });
    rows[selected].scrollIntoView({ block: "nearest" });
  }
  rows.forEach((row, i) => row.addEventListener("focusin", () => {
    selected = i;
    rows.forEach((r, j) => r.classList.toggle("selected", j === i));
  }));
  function post(url) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = url;
    // The server returns to this queue page (same filter and search) after the action.
    [["csrf_token", csrf()], ["back", location.pathname + location.search]].forEach(([name, value]) => {
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = name;
      field.value = value;
      form.appendChild(field);
    });
    document.body.appendChild(form);
    form.submit();
  }
  function actOnRow(action) {
    const row = rows[selected];
    if (!row) return;
    const sensitive = row.dataset.category === "crisis" || row.dataset.category === "client" || !row.dataset.category;
    if (sensitive || row.dataset["can" + action[0].toUpperCase() + action.slice(1)] !== "1") {
      window.location.href = row.dataset.open;  // read it first; the item page has every action
      return;
    }
    post(row.dataset.href + "/" + action);
  }

  // ---- item page
  function submitForm(selector) {
    const form = document.querySelector(selector);
    if (!form) return false;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
    return true;
  }
  function follow(selector) {
    const link = document.querySelector(selector);
    if (link) window.location.href = link.href;
  }

  // After an action on the queue the server names the next row in the address (#item-N).
  const named = rows.findIndex((row) => "#" + row.id === location.hash);
  if (rows.length && location.hash !== "#search") select(named >= 0 ? named : 0);
  const search = document.querySelector("[data-search]");
  if (search && location.hash === "#search") search.focus();

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "Escape") {
      if (help && !help.hidden) toggleHelp(false);
      else if (typing(document.activeElement)) document.activeElement.blur();
      return;
    }
    if (typing(ev.target)) return;
    const onItem = !!document.querySelector("[data-item]");
    switch (ev.key) {
      case "?": toggleHelp(); break;
      case "/":
        if (search) search.focus();
        else window.location.href = "/queue#search";
        break;
      case "j": if (onItem) follow("[data-key-next]"); else select(selected + 1); break;
      case "k": if (onItem) follow("[data-key-prev]"); else select(selected - 1); break;
      case "u": if (onItem) follow("[data-key-up]"); break;
      case "o": case "Enter":
        if (!onItem && rows[selected]) window.location.href = rows[selected].dataset.open; else return;
        break;
      case "x": {
        const pick = rows[selected] && rows[selected].querySelector("[data-pick]");
        if (pick) pick.checked = !pick.checked;
        break;
      }
      case "a": if (onItem) { if (!submitForm("[data-approve-form]:has(button[data-action=approve])")) return; } else actOnRow("approve"); break;
      case "r": if (onItem) { if (!submitForm('[data-action-form="reject"]')) return; } else actOnRow("reject"); break;
      case "e": if (onItem) { if (!submitForm('[data-action-form="escalate"]')) return; } else actOnRow("escalate"); break;
      default: return;
    }
    ev.preventDefault();
  });
})();
