// Longer than 300 lines on purpose: the one client library every page loads, and the one place for what must agree
// across the hall's screens (server clock, countdown, reconnection, command keys and retries). Sections are marked.
// Shared by every screen: API calls, session, the live meeting connection, the server clock and the countdown.
// Everything here must survive a hall with a flaky network and a server that may restart mid-meeting.
"use strict";

(function () {
  const MA = (window.MA = {});

  MA.fields = [
    "Đất đai",
    "Giải phóng mặt bằng",
    "Chính sách xã hội",
    "Hạ tầng giao thông – thủy lợi",
    "Môi trường",
    "Cải cách hành chính",
    "Cán bộ",
    "Khác",
  ];

  /** Builds an element; strings become text nodes so user data can never turn into markup. */
  MA.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else if (key in node && typeof value !== "string") node[key] = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  };

  MA.$ = (selector, root) => (root || document).querySelector(selector);

  MA.setText = function (selectorOrNode, text) {
    const node = typeof selectorOrNode === "string" ? MA.$(selectorOrNode) : selectorOrNode;
    if (node && node.textContent !== text) node.textContent = text;
  };

  const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  MA.delay = delay;

  /**
   * A day typed the Vietnamese way ("31/12/2026", "1-2-2026", "1.2.2026") or as "2026-12-31", as the "yyyy-MM-dd"
   * that addresses and query strings carry; anything else comes back as typed, for the server to refuse in words.
   */
  MA.isoDay = function (text) {
    const typed = (text || "").trim();
    const match = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(typed);
    if (!match) return typed;
    return `${match[3]}-${match[2].padStart(2, "0")}-${match[1].padStart(2, "0")}`;
  };

  /** "2026-12-31" → "31/12/2026", as dates are shown; other text as it is. */
  MA.dayText = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso || "") ? iso.split("-").reverse().join("/") : iso || "");

  // ---- Session and API -------------------------------------------------------------------------

  let sessionPromise = null;

  /** The antiforgery token is bound to the signed-in user, so it is fetched again after login or logout. */
  MA.session = function (refresh) {
    if (!sessionPromise || refresh) {
      sessionPromise = fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" })
        .then((r) => {
          if (!r.ok) throw new Error("Không lấy được phiên làm việc.");
          return r.json();
        })
        .catch((e) => {
          sessionPromise = null;
          throw e;
        });
    }
    return sessionPromise;
  };

  /** What to say when the server's refusal carries no Vietnamese text of its own. */
  function fallbackMessage(status) {
    return status === 413 ? "Tệp quá lớn." : `Máy chủ trả lời lỗi ${status}.`;
  }

  /** Calls the API (a JSON body, or a FormData for uploads); throws an Error whose message is the Vietnamese ProblemDetails text. */
  MA.api = async function (url, options) {
    const opts = options || {};
    const method = (opts.method || "GET").toUpperCase();
    const headers = { Accept: "application/json" };
    if (method !== "GET" && method !== "HEAD") headers["X-CSRF-TOKEN"] = (await MA.session()).antiforgeryToken;
    // A FormData body (a file upload) goes as multipart; the browser writes its Content-Type with the boundary.
    const isForm = typeof FormData !== "undefined" && opts.body instanceof FormData;
    if (opts.body !== undefined && !isForm) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        credentials: "same-origin",
        cache: "no-store",
        body: opts.body === undefined ? undefined : isForm ? opts.body : JSON.stringify(opts.body),
      });
    } catch {
      throw Object.assign(new Error("Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại."), { status: 0 });
    }
    const type = response.headers.get("Content-Type") || "";
    const data = type.includes("json") ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      const message = (data && (data.detail || data.title)) || fallbackMessage(response.status);
      // problem: the whole ProblemDetails, for refusals that carry more than a message (a save conflict carries the other version).
      throw Object.assign(new Error(message), { status: response.status, errors: (data && data.errors) || null, problem: data });
    }
    return data;
  };

  /**
   * Downloads a file the API makes (an export) and saves it under the server's file name. A refusal throws with the
   * Vietnamese ProblemDetails text, as MA.api does, instead of leaving the user on a page of JSON.
   */
  MA.download = async function (url) {
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    } catch {
      throw Object.assign(new Error("Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại."), { status: 0 });
    }
    if (!response.ok) {
      const data = await response.json().catch(() => null);
      throw Object.assign(new Error((data && (data.detail || data.title)) || fallbackMessage(response.status)), { status: response.status });
    }
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
    const name = match ? decodeURIComponent(match[1] || match[2]) : "tai-ve";
    const link = MA.el("a", { href: URL.createObjectURL(await response.blob()), download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    return name;
  };

  /**
   * Sends a file as the request body and reports progress (0..1) while it goes up; resolves with the JSON answer.
   * XMLHttpRequest rather than fetch because only it reports upload progress. Errors are Vietnamese, like MA.api's.
   */
  MA.upload = async function (url, file, onProgress) {
    const token = (await MA.session()).antiforgeryToken;
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("X-CSRF-TOKEN", token);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
      };
      xhr.onerror = () => reject(Object.assign(new Error("Mất kết nối khi tải tệp lên. Hãy thử lại."), { status: 0 }));
      xhr.onload = () => {
        let data = null;
        try {
          data = JSON.parse(xhr.responseText);
        } catch {
          /* an empty or non-JSON answer */
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(data);
        else {
          const message = (data && (data.detail || data.title)) || fallbackMessage(xhr.status);
          reject(Object.assign(new Error(message), { status: xhr.status, errors: (data && data.errors) || null }));
        }
      };
      xhr.send(file);
    });
  };

  /**
   * Fetches a document and saves it under the server's file name. A refusal (PDF without LibreOffice, a reply with
   * no answer yet) throws an Error with the server's Vietnamese text instead of saving a broken file.
   */
  MA.download = async function (url, fallbackName) {
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    } catch {
      throw Object.assign(new Error("Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại."), { status: 0 });
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      throw Object.assign(new Error((problem && problem.detail) || fallbackMessage(response.status)), { status: response.status });
    }
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    const link = MA.el("a", { href: URL.createObjectURL(await response.blob()), download: match ? decodeURIComponent(match[1]) : fallbackName || "van-ban" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  };

  /**
   * Draws a meeting's documents (notice, invitation, questionnaire slip, answers report, conclusion notice, report to
   * the level above) into a list: each with the date its plan sets and a DOCX and a PDF button. The office also
   * chooses the invitation's invitees there («Người được mời»).
   */
  MA.meetingDocuments = async function (list, meetingId, onError) {
    if (!meetingId) {
      list.replaceChildren();
      return;
    }
    const [view, session] = await Promise.all([MA.api(`/api/meetings/${meetingId}/documents`), MA.session()]);
    const office = ["admin", "desk", "secretary"].includes(session.role);
    const button = (label, url, kind, disabled) =>
      MA.el("button", { type: "button", class: "ghost", text: kind, "aria-label": `Tải ${label} dạng ${kind}`, disabled,
        title: disabled ? view.pdfMessage : null, onclick: () => MA.download(url).catch(onError) });
    const items = [];
    for (const d of view.documents) {
      const invitation = d.kind === "giay-moi" && office;
      const panel = invitation ? MA.el("div", { class: "ma-invitation", id: "invitation-editor", hidden: true }) : null;
      const toggle = invitation
        ? MA.el("button", { type: "button", class: "ghost", text: "Người được mời", "aria-expanded": "false", "aria-controls": "invitation-editor",
            onclick: (e) => toggleInvitation(e.currentTarget, panel, meetingId, onError) })
        : null;
      items.push(MA.el("li", { class: "ma-document" },
        MA.el("span", {}, MA.el("strong", { text: d.label }), d.due ? MA.el("span", { class: "muted", text: ` – ${d.due}` }) : null),
        MA.el("span", { class: "ma-document-actions" }, toggle, button(d.label, d.docxUrl, "DOCX", false), button(d.label, d.pdfUrl, "PDF", !view.pdfAvailable)),
        panel));
    }
    list.replaceChildren(...items);
  };

  async function toggleInvitation(toggle, panel, meetingId, onError) {
    const open = panel.hidden;
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (open) panel.replaceChildren(await invitationEditor(meetingId, onError).catch((e) => (onError(e), MA.el("span"))));
  }

  /**
   * The invitation's invitees: the meeting's responders, the biên bản's delegates and the departments with petitions
   * are offered to tick, lines the office types are added; the ticked lines, in this order, are saved for the meeting
   * and printed in the invitation and its «Nơi nhận».
   */
  async function invitationEditor(meetingId, onError) {
    const view = await MA.api(`/api/meetings/${meetingId}/invitation`);
    const groupOf = new Map(view.candidates.map((c) => [c.text, c.group]));
    const list = MA.el("ul", { class: "ma-invitees", "aria-label": "Danh sách có thể mời" });
    const status = MA.el("p", { class: "muted", role: "status", "aria-live": "polite",
      text: view.chosen ? "Danh sách đã lưu cho hội nghị này." : "Chưa lưu: giấy mời đang in người trả lời và các phòng ban có kiến nghị." });
    const add = (text, checked) => {
      if ([...list.querySelectorAll("input")].some((b) => b.value === text)) return;
      list.append(MA.el("li", {}, MA.el("label", {}, MA.el("input", { type: "checkbox", checked, value: text }), ` ${text}`,
        MA.el("span", { class: "muted", text: ` (${groupOf.get(text) || "Tự nhập"})` }))));
    };
    view.invitees.forEach((text) => add(text, true));
    view.candidates.forEach((c) => add(c.text, false));
    const typed = MA.el("input", { type: "text", maxlength: "200", "aria-label": "Thêm người hoặc cơ quan được mời",
      placeholder: "Ví dụ: Đại diện Ủy ban MTTQ xã" });
    const addTyped = () => {
      const text = typed.value.trim();
      if (text) add(text, true);
      typed.value = "";
    };
    typed.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        addTyped();
      }
    });
    const save = async () => {
      const invitees = [...list.querySelectorAll("input:checked")].map((b) => b.value);
      const saved = await MA.api(`/api/meetings/${meetingId}/invitation`, { method: "PUT", body: { invitees } });
      status.textContent = `Đã lưu ${saved.invitees.length} dòng người được mời.`;
    };
    return MA.el("div", {},
      list,
      MA.el("div", { class: "ma-invitee-add" }, typed, MA.el("button", { type: "button", class: "ghost", text: "Thêm", onclick: addTyped })),
      MA.el("button", { type: "button", class: "primary", text: "Lưu danh sách mời", onclick: () => save().catch(onError) }),
      status);
  }

  MA.loginUrl = () => "/login?next=" + encodeURIComponent(location.pathname + location.search);

  /** Staff pages: send the user to the login page unless they hold one of the roles. */
  MA.requireRole = async function (roles) {
    for (;;) {
      try {
        const session = await MA.session(true);
        if (!session.role || !roles.includes(session.role)) {
          location.replace(MA.loginUrl());
          return new Promise(() => {});
        }
        return session;
      } catch {
        await delay(1000);
      }
    }
  };

  MA.logout = async function () {
    try {
      await MA.api("/api/auth/logout", { method: "POST" });
    } finally {
      location.href = "/login";
    }
  };

  /** The meeting named in the address (?m=), or null when the page follows the hall's on-screen meeting. */
  MA.pageMeeting = function () {
    const fromQuery = parseInt(new URLSearchParams(location.search).get("m") || "", 10);
    return fromQuery > 0 ? fromQuery : null;
  };

  /** The meeting a screen shows: ?m= in the address, else the one on the hall's screens. Retries while the server is down. */
  MA.meetingId = async function () {
    const fromQuery = MA.pageMeeting();
    if (fromQuery) return fromQuery;
    for (;;) {
      try {
        return (await MA.api("/api/meetings/current")).id;
      } catch (e) {
        if (e.status === 404) throw e;
        await delay(1000);
      }
    }
  };

  /**
   * The start of every staff page: only the given roles may stay, the header shows who is signed in, and the
   * meeting is settled. pageMeeting is ?m= or null (follow the hall); with picker the page's #meeting-pick is
   * filled with MA.meetingPicker.
   * With resolveMeeting the meeting id is looked up now, for pages that call the meeting's HTTP API: meetingId is
   * null (and the reason shown in #alert) when there is no meeting at all.
   */
  MA.startStaffPage = async function (roles, options) {
    const session = await MA.requireRole(roles);
    MA.showUser(session);
    const alertBox = MA.$("#alert");
    const pageMeeting = MA.pageMeeting();
    const picker = options && options.picker ? MA.$("#meeting-pick") : null;
    if (picker) MA.meetingPicker(picker, pageMeeting).catch((e) => MA.alert(alertBox, e.message));
    let meetingId = pageMeeting;
    if (options && options.resolveMeeting) {
      try {
        meetingId = await MA.meetingId();
      } catch (e) {
        MA.alert(alertBox, e.message);
        meetingId = null;
      }
    }
    return { session, alertBox, pageMeeting, meetingId };
  };

  /**
   * Fills a <select> with the meetings a staff member can open; choosing one opens it (?m=ID), and the first
   * option follows whatever meeting is on the hall's screens.
   */
  MA.meetingPicker = async function (select, currentId) {
    if (!select) return;
    const meetings = await MA.api("/api/meetings");
    const explicit = MA.pageMeeting();
    select.replaceChildren(
      MA.el("option", { value: "", text: "Theo màn hình hội trường" }),
      ...meetings.map((m) =>
        MA.el("option", {
          value: String(m.id),
          text: `${m.onScreen ? "● " : ""}${m.title} – ${m.scheduledStartText}`,
        })
      )
    );
    select.value = explicit ? String(explicit) : "";
    if (!explicit && currentId) select.title = "Đang theo hội nghị trên màn hình hội trường";
    select.addEventListener("change", () => {
      const url = new URL(location.href);
      if (select.value) url.searchParams.set("m", select.value);
      else url.searchParams.delete("m");
      location.href = url.pathname + url.search;
    });
  };

  /**
   * Puts each message of a ProblemDetails `errors` map beside its input: in [data-error-for=FIELD] when the form
   * has one, else in a message element inserted after the input named FIELD. Clears the previous messages first.
   * Returns true when at least one message found its field.
   */
  MA.showErrors = function (form, error) {
    if (!form) return false;
    for (const node of form.querySelectorAll("[data-error-for]")) {
      node.textContent = "";
      node.hidden = true;
    }
    for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    const errors = (error && error.errors) || {};
    let placed = false;
    for (const [field, messages] of Object.entries(errors)) {
      const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
      let slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
      if (!slot && input) {
        slot = MA.el("span", { class: "field-error", "data-error-for": field, role: "alert" });
        input.insertAdjacentElement("afterend", slot);
      }
      if (!slot) continue;
      slot.textContent = [].concat(messages).join(" ");
      slot.hidden = false;
      if (input) input.setAttribute("aria-invalid", "true");
      placed = true;
    }
    return placed;
  };

  // ---- Server clock ----------------------------------------------------------------------------

  // Offset = server time − local time. Every screen corrects its own clock so countdowns agree within a few
  // tens of milliseconds on a LAN, far inside the half second the hall can notice.
  MA.clock = {
    offset: 0,
    rtt: Infinity,
    synced: false,
    now() {
      return Date.now() + this.offset;
    },
    /** A rough estimate from a snapshot, used only until a proper round-trip sample exists. */
    hint(serverNowMs) {
      if (!this.synced && serverNowMs) this.offset = serverNowMs - Date.now();
    },
  };

  async function syncClock(connection, samples) {
    let best = null;
    for (let i = 0; i < samples; i++) {
      const t0 = Date.now();
      const server = await connection.invoke("Now");
      const t1 = Date.now();
      const rtt = t1 - t0;
      if (!best || rtt < best.rtt) best = { rtt, offset: server - (t0 + t1) / 2 };
    }
    // The sample with the least round trip has the least asymmetric delay hidden in it.
    MA.clock.offset = best.offset;
    MA.clock.rtt = best.rtt;
    MA.clock.synced = true;
  }

  // ---- Countdown -------------------------------------------------------------------------------

  MA.formatDuration = function (ms) {
    const total = Math.floor(Math.abs(ms) / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const ss = String(s).padStart(2, "0");
    return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
  };

  /**
   * What a timer shows for a floor turn. Remaining time rounds up so "0:00" appears exactly when time is out;
   * turns without a limit (allottedMs 0) show the elapsed time instead.
   */
  MA.countdown = function (floor, serverNow) {
    if (!floor) return null;
    const now = serverNow === undefined ? MA.clock.now() : serverNow;
    const elapsed = floor.accumulatedMs + (floor.runningSinceMs ? Math.max(0, now - floor.runningSinceMs) : 0);
    const paused = !floor.runningSinceMs;
    if (!floor.allottedMs) return { text: MA.formatDuration(elapsed), state: "open", elapsed, remaining: null, paused };
    const remaining = floor.allottedMs + floor.extendedMs - elapsed;
    if (remaining > 0) {
      const shown = Math.ceil(remaining / 1000) * 1000;
      return { text: MA.formatDuration(shown), state: remaining <= 30000 ? "warn" : "ok", elapsed, remaining, paused };
    }
    const over = -remaining;
    return { text: over < 1000 ? "0:00" : "+" + MA.formatDuration(over), state: "over", elapsed, remaining, paused };
  };

  // ---- Live connection -------------------------------------------------------------------------

  const STATE_TEXT = {
    connecting: "Đang kết nối…",
    connected: "Đã kết nối",
    reconnecting: "Mất kết nối – đang kết nối lại…",
  };

  /** Shows the connection state in every element marked data-connection. */
  function showState(state) {
    document.documentElement.dataset.link = state;
    for (const node of document.querySelectorAll("[data-connection]")) {
      node.dataset.state = state;
      MA.setText(node, STATE_TEXT[state]);
    }
  }

  /** Turns a hub error into the Vietnamese sentence the server meant for the user. */
  MA.hubMessage = function (error) {
    const text = (error && error.message) || "";
    const marker = text.lastIndexOf("HubException:");
    if (marker >= 0) return text.slice(marker + "HubException:".length).trim();
    if (/connection|Connected|WebSocket|stopped|disconnected/i.test(text))
      return "Mất kết nối với máy chủ, thao tác chưa được thực hiện. Hãy thử lại sau khi kết nối lại.";
    // The server sends its refusals in Vietnamese; English text comes only from the client library itself.
    if (/[^\x00-\x7F]/.test(text)) return text;
    return "Máy chủ không thực hiện được thao tác này. Hãy thử lại.";
  };

  /** A fresh key for one command: the server applies a key once, so a retry after a cut cannot register someone twice. */
  MA.commandKey = function () {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  };

  const COMMAND_RETRY_MS = 15000;

  /**
   * Connects to a meeting and keeps the connection forever: reconnects every second, re-joins, takes a fresh
   * snapshot and drops any snapshot older than the one shown. onSnapshot gets each newer snapshot. After the join
   * the server pushes only what changed (a few properties instead of the whole meeting, which matters with a
   * thousand phones); a change that does not follow the snapshot shown makes the page join again for a whole one.
   * With meetingId null the screen follows the meeting on the hall's screens and switches when another is put
   * on screen; snapshots carry meetingId, so a page redraws everything when it changes.
   */
  /**
   * How long to wait before the next attempt to reconnect. The first tries come quickly (a dropped link or a
   * restarted server is usually back within a second) and then settle at about a second; the random part keeps
   * two hundred phones from knocking at the same instant.
   */
  function reconnectDelay(attempt) {
    const base = attempt === 0 ? 100 : attempt < 4 ? 300 : 900;
    return base + Math.random() * base * 0.5;
  }

  MA.connectMeeting = function (meetingId, onSnapshot) {
    const followHall = !meetingId;
    let currentId = meetingId || null;
    let version = -1;
    let revision = -1;
    let shown = null;
    let joining = false;
    let closedByUs = false;
    let syncTimer = null;

    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hub/meeting?changes=1")
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => reconnectDelay(context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.None)
      .build();
    // A projector behind a sleeping switch must notice a dead link quickly rather than after the 30 s default.
    connection.serverTimeoutInMilliseconds = 10000;
    connection.keepAliveIntervalInMilliseconds = 3000;

    function accept(snapshot) {
      // A push from a meeting this screen has just left may still arrive; only a join changes the meeting.
      if (!snapshot || snapshot.meetingId !== currentId) return;
      // After a server restart the version is recomputed from the same log, so an equal version is still valid.
      if (snapshot.version < version) return;
      version = snapshot.version;
      revision = snapshot.revision;
      shown = snapshot;
      MA.clock.hint(snapshot.serverNowMs);
      onSnapshot(snapshot);
    }

    /** Applies a push of what changed when it follows the snapshot shown; otherwise takes a whole snapshot. */
    function acceptChanges(changes) {
      if (!changes || changes.meetingId !== currentId || !shown || changes.revision <= revision) return;
      if (changes.baseRevision !== revision) {
        // A change went missing (or the server restarted): only a whole snapshot is safe now.
        if (!joining) join().catch(() => {});
        return;
      }
      const next = Object.assign({}, shown, changes.changed, {
        version: changes.version,
        revision: changes.revision,
        serverNowMs: changes.serverNowMs,
      });
      // An object that only had some fields change (the floor after an extension) comes as those fields.
      for (const [name, fields] of Object.entries(changes.patched || {})) next[name] = Object.assign({}, shown[name], fields);
      accept(next);
    }

    connection.on("Snapshot", accept);
    connection.on("Changes", acceptChanges);
    connection.on("OnScreen", (id) => {
      if (followHall && id !== currentId) join().catch(() => {});
    });

    async function join() {
      joining = true;
      let snapshot;
      try {
        snapshot = followHall ? await connection.invoke("JoinHall") : await connection.invoke("Join", currentId);
      } finally {
        joining = false;
      }
      // A restarted server may have a different clock: resynchronise on every join.
      MA.clock.synced = false;
      if (followHall && snapshot && snapshot.meetingId !== currentId) {
        // The hall switched meetings: versions of the new meeting start their own count.
        currentId = snapshot.meetingId;
        version = -1;
      }
      accept(snapshot);
      showState("connected");
      syncClock(connection, 5).catch(() => {});
    }

    let looping = false;
    async function startLoop() {
      if (looping) return;
      looping = true;
      showState(document.documentElement.dataset.link === "connected" ? "reconnecting" : "connecting");
      try {
        await runLoop();
      } finally {
        looping = false;
      }
    }

    async function runLoop() {
      for (let attempt = 0; !closedByUs; attempt++) {
        try {
          if (connection.state === signalR.HubConnectionState.Disconnected) await connection.start();
          await join();
          return;
        } catch {
          if (connection.state === signalR.HubConnectionState.Connected) {
            try {
              await connection.stop();
            } catch {
              /* already down */
            }
          }
          await delay(reconnectDelay(attempt));
        }
      }
    }

    connection.onreconnecting(() => showState("reconnecting"));
    connection.onreconnected(() => {
      join().catch(() => {
        // Joined a half-started server: drop the link so the loop starts cleanly.
        connection.stop().catch(() => {});
      });
    });
    connection.onclose(() => {
      if (!closedByUs) {
        showState("reconnecting");
        setTimeout(startLoop, reconnectDelay(0));
      }
    });

    syncTimer = setInterval(() => {
      if (connection.state === signalR.HubConnectionState.Connected) syncClock(connection, 3).catch(() => {});
    }, 30000);

    startLoop();

    async function connected(deadline) {
      while (connection.state !== signalR.HubConnectionState.Connected || !currentId) {
        if (Date.now() > deadline) return false;
        await delay(200);
      }
      return true;
    }

    return {
      connection,
      get version() {
        return version;
      },
      /** The meeting shown now (it changes when the page follows the hall). */
      get meetingId() {
        return currentId;
      },
      /**
       * Sends a command with its own key; rejects with the Vietnamese message to show. When the link drops
       * mid-call the same command (same key) is sent again once the link is back, so a command the server had
       * already stored is answered, not applied a second time.
       */
      async command(name, ...args) {
        const key = MA.commandKey();
        const deadline = Date.now() + COMMAND_RETRY_MS;
        const target = currentId;
        for (;;) {
          try {
            if (!(await connected(deadline)))
              throw new Error("Mất kết nối với máy chủ, thao tác chưa được thực hiện. Hãy thử lại sau khi kết nối lại.");
            return await connection.invoke(name, target, key, ...args);
          } catch (e) {
            const message = MA.hubMessage(e);
            const linkLost = !/HubException:/.test((e && e.message) || "") && /connection|Connected|WebSocket|stopped|disconnected|Mất kết nối/i.test((e && e.message) || "");
            if (!linkLost || Date.now() > deadline) throw new Error(message);
            await delay(300);
          }
        }
      },
      stop() {
        closedByUs = true;
        clearInterval(syncTimer);
        return connection.stop();
      },
    };
  };

  /** Calls fn about five times a second, for countdowns. */
  MA.tick = function (fn) {
    fn();
    return setInterval(fn, 200);
  };

  // ---- Small UI helpers ------------------------------------------------------------------------

  /** Shows a message in an alert area for a while; role=alert makes screen readers say it at once. */
  MA.alert = function (node, message, kind) {
    if (!node) return;
    clearTimeout(node._hideTimer);
    node.textContent = message;
    node.dataset.kind = kind || "error";
    node.hidden = !message;
    if (message) node._hideTimer = setTimeout(() => (node.hidden = true), kind === "ok" ? 4000 : 10000);
  };

  /** The page's confirmation dialog, made on first use so no page has to carry its markup. */
  function confirmDialog() {
    let dialog = MA.$("#confirm");
    if (dialog) return dialog;
    dialog = MA.el(
      "dialog",
      { id: "confirm", "aria-labelledby": "confirm-text" },
      MA.el(
        "form",
        { method: "dialog" },
        MA.el("p", { id: "confirm-text", "data-confirm-text": true }),
        MA.el(
          "div",
          { class: "actions" },
          MA.el("button", { value: "cancel", type: "submit", "data-confirm-cancel": true, text: "Hủy" }),
          MA.el("button", { value: "ok", type: "submit", class: "danger", "data-confirm-ok": true, text: "Đồng ý" })
        )
      )
    );
    document.body.append(dialog);
    return dialog;
  }

  /** Asks before a destructive action in a modal dialog; resolves true when confirmed. */
  MA.confirm = function (question, confirmLabel, cancelLabel) {
    const dialog = confirmDialog();
    if (typeof dialog.showModal !== "function") return Promise.resolve(window.confirm(question));
    MA.setText(MA.$("[data-confirm-text]", dialog), question);
    MA.setText(MA.$("[data-confirm-ok]", dialog), confirmLabel || "Đồng ý");
    MA.setText(MA.$("[data-confirm-cancel]", dialog), cancelLabel || "Hủy");
    return new Promise((resolve) => {
      dialog.returnValue = "";
      dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
      dialog.showModal();
    });
  };

  /** How long ago a moment of the server clock was, as a person says it: "vừa xong", "3 phút trước". */
  MA.ago = function (atMs) {
    const seconds = Math.max(0, Math.round((MA.clock.now() - atMs) / 1000));
    if (seconds < 60) return "vừa xong";
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return `${minutes} phút trước`;
    return `${Math.floor(minutes / 60)} giờ ${minutes % 60} phút trước`;
  };

  /** A speaker's second line: title for officials, hamlet or organisation for citizens. */
  MA.speakerDetail = function (speaker) {
    if (!speaker) return "";
    return [speaker.title, speaker.affiliation].filter(Boolean).join(" – ");
  };

  /** Fills the header of staff pages: who is signed in and a way out. */
  MA.showUser = function (session) {
    const node = MA.$("[data-user]");
    if (!node) return;
    node.replaceChildren(
      MA.el("span", { text: `${session.roleLabel || session.role}: ${session.userName}` }),
      " ",
      MA.el("button", { type: "button", class: "link", text: "Đăng xuất", onclick: () => MA.logout() })
    );
  };
})();
