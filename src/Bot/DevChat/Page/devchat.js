"use strict";

// The dev chat page: a stand-in for Slack or Teams on a developer's machine. Replies arrive as
// HTML rendered (and escaped) by the server; only the person's own words are set as text here.
(() => {
  const $ = (id) => document.getElementById(id);
  const state = { user: null, users: [], inboxAfter: 0, channelAfter: 0, form: null, channels: new Set(["product-ops"]) };
  const pollMs = 2000;

  async function api(path, body) {
    const init = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(path, init);
    const data = await response.json().catch(() => ({ error: `The server answered ${response.status}.` }));
    if (!response.ok) {
      throw new Error(data.error || `The server answered ${response.status}.`);
    }
    return data;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clearEmpty(list) {
    list.querySelectorAll(".empty").forEach((n) => n.remove());
  }

  function scrollDown(list) {
    list.scrollTop = list.scrollHeight;
  }

  // People ---------------------------------------------------------------------------------------

  async function loadPeople() {
    const list = $("people");
    try {
      state.users = await api("/devchat/api/users");
    } catch (e) {
      list.replaceChildren(el("li", "error-line", e.message));
      return;
    }
    list.replaceChildren(...state.users.map((u) => {
      const item = el("li");
      const button = el("button", "person");
      button.type = "button";
      button.dataset.user = u.id;
      button.setAttribute("aria-pressed", "false");
      button.append(el("span", "name", u.name));
      const roles = el("span", "roles");
      if (u.roles.length === 0) roles.append(el("span", "role none", "no roles"));
      u.roles.forEach((r) => roles.append(el("span", "role", r)));
      button.append(roles);
      button.addEventListener("click", () => pick(u.id));
      item.append(button);
      return item;
    }));
    if (state.users.length === 0) {
      list.replaceChildren(el("li", "muted small", "No people with a dev chat identity yet."));
      return;
    }
    const saved = localStorage.getItem("devchat.user");
    pick(state.users.some((u) => u.id === saved) ? saved : state.users[0].id);
  }

  function pick(id) {
    state.user = id;
    localStorage.setItem("devchat.user", id);
    const user = state.users.find((u) => u.id === id);
    document.querySelectorAll(".person").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.user === id)));
    $("who").textContent = user ? `as ${user.name} (@${user.id})` : "";
    $("text").disabled = false;
    $("send").disabled = false;
    $("log").replaceChildren(el("li", "empty", `You are ${user ? user.name : id}. Say something to ProductOps, like /productops help.`));
    state.inboxAfter = 0;
    $("inbox").replaceChildren();
    delete $("inbox").dataset.shown;
    pollInbox();
    $("text").focus();
  }

  // Conversation ---------------------------------------------------------------------------------

  function showSent(text, channel) {
    const log = $("log");
    clearEmpty(log);
    const item = el("li", "sent");
    if (channel) item.append(el("span", "place", `in #${channel}`));
    item.append(document.createTextNode(text));
    log.append(item);
    scrollDown(log);
  }

  function card(html, badge, badgeClass, time) {
    const box = el("div", "card");
    const meta = el("div", "meta");
    meta.append(el("strong", "", "ProductOps"));
    if (time) meta.append(el("span", "", new Date(time).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })));
    if (badge) meta.append(el("span", `badge ${badgeClass || ""}`, badge));
    const body = el("div", "body");
    body.innerHTML = html;
    box.append(meta, body);
    return box;
  }

  const visibilityBadges = {
    asker: ["Only visible to you", ""],
    channel: ["Posted to the channel", "channel"],
    directMessage: ["Sent to your DMs", "dm"],
  };

  function showTurn(data) {
    const log = $("log");
    clearEmpty(log);
    for (const reply of data.replies || []) {
      const [badge, cls] = visibilityBadges[reply.visibility] || ["", ""];
      const item = el("li", "bot");
      item.append(el("span", "avatar", "P"));
      const box = card(reply.html, badge, cls);
      if (reply.visibility === "asker") box.classList.add("asker");
      item.append(box);
      log.append(item);
      rememberChannels(reply.html);
    }
    if (data.form) openForm(data.form);
    scrollDown(log);
  }

  function showError(message) {
    const log = $("log");
    clearEmpty(log);
    log.append(el("li", "error-line", message));
    scrollDown(log);
  }

  async function send(text) {
    const channel = $("where").value || null;
    showSent(text, channel);
    try {
      showTurn(await api("/devchat/api/messages", { user: state.user, text, channel }));
    } catch (e) {
      showError(e.message);
    }
    refreshFeeds();
  }

  async function press(button) {
    button.disabled = true;
    try {
      showTurn(await api("/devchat/api/actions", { user: state.user, actionId: button.dataset.actionId, value: button.dataset.value ?? null }));
    } catch (e) {
      showError(e.message);
    } finally {
      button.disabled = false;
    }
    refreshFeeds();
  }

  // Forms ----------------------------------------------------------------------------------------

  function openForm(form) {
    state.form = form;
    $("form-title").textContent = form.title;
    $("form-submit").textContent = form.submitLabel;
    $("form-fields").innerHTML = form.html;
    const dialog = $("form-dialog");
    if (!dialog.open) dialog.showModal();
    const first = $("form-fields").querySelector("[data-field]");
    if (first) first.focus();
  }

  function closeForm() {
    state.form = null;
    $("form-dialog").close();
  }

  function formValues() {
    const values = {};
    $("form-fields").querySelectorAll("[data-field]").forEach((input) => {
      const kind = input.dataset.kind;
      if (kind === "checkbox") values[input.dataset.field] = input.checked;
      else if (kind === "multi") values[input.dataset.field] = Array.from(input.selectedOptions, (o) => o.value);
      else values[input.dataset.field] = input.value;
    });
    return values;
  }

  function showFieldErrors(errors) {
    const fields = $("form-fields");
    fields.querySelectorAll(".dc-error").forEach((p) => { p.hidden = true; p.textContent = ""; });
    fields.querySelectorAll(".dc-field").forEach((f) => f.classList.remove("invalid"));
    fields.querySelectorAll("[aria-invalid]").forEach((i) => i.removeAttribute("aria-invalid"));
    const unplaced = [];
    let firstInvalid = null;
    for (const [field, message] of Object.entries(errors)) {
      const slot = Array.from(fields.querySelectorAll(".dc-error")).find((p) => p.dataset.errorFor === field);
      if (!slot) { unplaced.push(message); continue; }
      slot.textContent = message;
      slot.hidden = false;
      slot.closest(".dc-field").classList.add("invalid");
      const input = Array.from(fields.querySelectorAll("[data-field]")).find((i) => i.dataset.field === field);
      if (input) {
        input.setAttribute("aria-invalid", "true");
        firstInvalid = firstInvalid || input;
      }
    }
    const problem = fields.querySelector(".dc-form-problem");
    problem.textContent = unplaced.join(" ");
    problem.hidden = unplaced.length === 0;
    if (firstInvalid) firstInvalid.focus();
  }

  async function submitForm() {
    const form = state.form;
    if (!form) return;
    const submit = $("form-submit");
    submit.disabled = true;
    try {
      const data = await api("/devchat/api/forms", { user: state.user, formId: form.formId, values: formValues(), state: form.state ?? null });
      if (data.errors) {
        showFieldErrors(data.errors);
        return;
      }
      closeForm();
      showTurn(data);
    } catch (e) {
      showFieldErrors({ "": e.message });
    } finally {
      submit.disabled = false;
    }
    refreshFeeds();
  }

  // DM inbox and channel -------------------------------------------------------------------------

  function rememberChannels(html) {
    const holder = document.createElement("template");
    holder.innerHTML = html;
    holder.content.querySelectorAll(".dc-channel").forEach((c) => addChannel(c.textContent));
  }

  function addChannel(name) {
    const clean = name.replace(/^#/, "").trim().toLowerCase();
    if (!clean || state.channels.has(clean)) return;
    state.channels.add(clean);
    renderChannels();
  }

  function renderChannels() {
    $("channels").replaceChildren(...Array.from(state.channels).sort().map((c) => { const o = el("option"); o.value = c; return o; }));
    const current = channelName();
    const where = $("where");
    const keep = where.value;
    where.replaceChildren(el("option", "", "DM with ProductOps"));
    where.options[0].value = "";
    if (current) {
      const option = el("option", "", `#${current}`);
      option.value = current;
      where.append(option);
    }
    where.value = keep === current ? keep : "";
  }

  function channelName() {
    return $("channel").value.replace(/^#/, "").trim().toLowerCase();
  }

  function appendFeed(list, messages) {
    // Two polls can overlap (a tick and a send); each message is shown once, in id order.
    const shown = Number(list.dataset.shown || 0);
    messages = messages.filter((m) => m.id > shown);
    if (messages.length === 0) return;
    list.dataset.shown = String(messages[messages.length - 1].id);
    clearEmpty(list);
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    for (const m of messages) {
      const item = el("li");
      item.append(card(m.html, "", "", m.time));
      list.append(item);
      rememberChannels(m.html);
    }
    if (atBottom) scrollDown(list);
  }

  function emptyNote(list, text) {
    if (list.children.length === 0) list.append(el("li", "empty", text));
  }

  async function pollInbox() {
    if (!state.user) return;
    const user = state.user;
    try {
      const messages = await api(`/devchat/api/inbox?user=${encodeURIComponent(user)}&after=${state.inboxAfter}`);
      if (user !== state.user) return;
      if (messages.length) state.inboxAfter = Math.max(state.inboxAfter, messages[messages.length - 1].id);
      appendFeed($("inbox"), messages);
      emptyNote($("inbox"), "No direct messages yet. Nudges, approvals and digests for you land here.");
    } catch (e) {
      // A missed poll is retried on the next tick; the page stays usable.
    }
  }

  async function pollChannel() {
    const name = channelName();
    if (!name) return;
    try {
      const messages = await api(`/devchat/api/channel?name=${encodeURIComponent(name)}&after=${state.channelAfter}`);
      if (name !== channelName()) return;
      if (messages.length) state.channelAfter = Math.max(state.channelAfter, messages[messages.length - 1].id);
      appendFeed($("channel-feed"), messages);
      emptyNote($("channel-feed"), `Nothing in #${name} yet. Send a message there with the “Send in” menu.`);
    } catch (e) {
      // As for the inbox: the next tick tries again.
    }
  }

  function refreshFeeds() {
    pollInbox();
    pollChannel();
  }

  function switchChannel() {
    state.channelAfter = 0;
    $("channel-feed").replaceChildren();
    delete $("channel-feed").dataset.shown;
    addChannel(channelName());
    renderChannels();
    pollChannel();
  }

  // Wiring ---------------------------------------------------------------------------------------

  function autosize() {
    const text = $("text");
    text.style.height = "auto";
    text.style.height = `${Math.min(text.scrollHeight + 2, 160)}px`;
  }

  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value.trim();
    if (!text || !state.user) return;
    $("text").value = "";
    autosize();
    send(text);
  });
  $("text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("text").addEventListener("input", autosize);

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action-id]");
    if (button && state.user) press(button);
  });

  $("form").addEventListener("submit", (event) => {
    event.preventDefault();
    submitForm();
  });
  $("form-cancel").addEventListener("click", closeForm);
  $("form-close").addEventListener("click", closeForm);
  $("form-dialog").addEventListener("close", () => { state.form = null; });

  $("channel-form").addEventListener("submit", (event) => { event.preventDefault(); switchChannel(); });
  $("channel").addEventListener("change", switchChannel);

  const savedChannel = localStorage.getItem("devchat.channel");
  if (savedChannel) $("channel").value = savedChannel;
  $("channel").addEventListener("change", () => localStorage.setItem("devchat.channel", channelName()));
  renderChannels();
  loadPeople();
  pollChannel();
  setInterval(refreshFeeds, pollMs);
})();
