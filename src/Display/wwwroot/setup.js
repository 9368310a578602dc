// Longer than 300 lines on purpose: three forms of one page (meetings, people and responders, accounts) that share
// the message-beside-the-button helper and the Vietnamese date entry; each section is marked below.
// Setup (admin): meetings, people and responders, accounts. Plain forms over the JSON API.
// Every result or problem is said next to what caused it: beside the field, or beside the button pressed.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const { alertBox } = await MA.startStaffPage(["admin"]);

  /** A message beside a button: green for a result, red for a problem; a new message replaces the old one. */
  function say(node, message, kind) {
    node = typeof node === "string" ? $(node) : node;
    clearTimeout(node._hideTimer);
    node.textContent = message || "";
    node.dataset.kind = kind || "error";
    node.hidden = !message;
    if (message && kind === "ok") node._hideTimer = setTimeout(() => (node.hidden = true), 6000);
  }

  // ---- Date and time, typed the Vietnamese way whatever the browser's language ----

  const pad = (n) => String(n).padStart(2, "0");

  /** "5/12/2026" → { y, m, d } or null; the day must exist (no 31/02). */
  function parseDate(text) {
    const match = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text || "");
    if (!match) return null;
    const [d, m, y] = [parseInt(match[1], 10), parseInt(match[2], 10), parseInt(match[3], 10)];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (y < 2000 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
    return { y, m, d };
  }

  /** "8:00", "08:00", "8h00", "0800" → { h, min } or null (24-hour clock). */
  function parseTime(text) {
    const match = /^\s*(\d{1,2})\s*(?:[:hg.]\s*(\d{2})?|(\d{2}))?\s*$/i.exec(text || "");
    if (!match) return null;
    const h = parseInt(match[1], 10);
    const min = parseInt(match[2] || match[3] || "0", 10);
    if (h > 23 || min > 59) return null;
    return { h, min };
  }

  /** The value the server takes ("yyyy-MM-ddTHH:mm", hall time), or the message to show beside the field. */
  function scheduledStart() {
    const dateText = $("#m-date").value.trim();
    const timeText = $("#m-time").value.trim();
    if (!dateText || !timeText) return { error: "Hãy nhập đủ ngày (ngày/tháng/năm) và giờ bắt đầu (giờ:phút), ví dụ 05/12/2026 08:00." };
    const date = parseDate(dateText);
    if (!date) return { error: `Ngày “${dateText}” không đúng. Hãy nhập theo ngày/tháng/năm, ví dụ 05/12/2026.` };
    const time = parseTime(timeText);
    if (!time) return { error: `Giờ “${timeText}” không đúng. Hãy nhập theo giờ:phút (24 giờ), ví dụ 08:00 hoặc 14:30.` };
    return { value: `${date.y}-${pad(date.m)}-${pad(date.d)}T${pad(time.h)}:${pad(time.min)}` };
  }

  function showStart(local) {
    // local: "yyyy-MM-ddTHH:mm" in the hall's time, as the server gives it.
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || "");
    $("#m-date").value = match ? `${match[3]}/${match[2]}/${match[1]}` : "";
    $("#m-time").value = match ? `${match[4]}:${match[5]}` : "";
  }

  // Neaten what was typed as soon as the field is left, so the admin sees how it was understood.
  $("#m-date").addEventListener("blur", () => {
    const date = parseDate($("#m-date").value);
    if (date) $("#m-date").value = `${pad(date.d)}/${pad(date.m)}/${date.y}`;
  });
  $("#m-time").addEventListener("blur", () => {
    const time = parseTime($("#m-time").value);
    if (time) $("#m-time").value = `${pad(time.h)}:${pad(time.min)}`;
  });

  // ---- Meetings ----------------------------------------------------------------------------------

  const form = $("#meeting-form");
  let meetingId = 0;
  let meetings = [];
  let responderIds = new Set();
  const knownPeople = new Map(); // id → person, from every list loaded on this page

  async function loadMeetings(select) {
    meetings = await MA.api("/api/meetings" + ($("#show-archived").checked ? "?archived=true" : ""));
    $("#meeting-pick").replaceChildren(
      ...meetings.map((m) =>
        el("option", {
          value: String(m.id),
          text: `${m.onScreen ? "● " : ""}${m.title} – ${m.scheduledStartText}${m.archived ? " (đã lưu trữ)" : ""}`,
        })
      )
    );
    if (!meetings.length) {
      newMeeting();
      return;
    }
    let id = select || meetingId;
    if (!meetings.some((m) => m.id === id)) {
      const onScreen = meetings.find((m) => m.onScreen);
      id = onScreen ? onScreen.id : meetings[0].id;
    }
    $("#meeting-pick").value = String(id);
    await loadMeeting(id);
  }

  function showMeetingState() {
    const m = meetings.find((x) => x.id === meetingId);
    const parts = [];
    if (m) {
      parts.push({ Preparing: "Chưa bắt đầu", InProgress: "Đang diễn ra", Ended: "Đã kết thúc" }[m.status] || "");
      if (m.onScreen) parts.push("đang trên màn hình hội trường");
      if (m.archived) parts.push("đã lưu trữ");
    }
    setText("#meeting-state", m ? parts.filter(Boolean).join(" · ") : "Hội nghị mới, chưa lưu.");
    for (const id of ["#meeting-copy", "#meeting-on-screen", "#meeting-archive", "#meeting-delete"]) $(id).disabled = !m;
    $("#meeting-on-screen").disabled = !m || m.onScreen || m.archived;
    setText("#meeting-archive", m && m.archived ? "Bỏ lưu trữ" : "Lưu trữ");
    // A meeting with a history is kept for its minutes: it can be archived, not deleted.
    $("#meeting-delete").disabled = !m || m.status !== "Preparing";
    $("#meeting-delete").title = m && m.status !== "Preparing" ? "Hội nghị đã diễn ra: hãy lưu trữ thay vì xóa." : "";
  }

  // The latest choice wins: a meeting that arrives after "Hội nghị mới" was pressed must not fill the new form.
  let loadSeq = 0;

  async function loadMeeting(id) {
    const seq = ++loadSeq;
    const m = await MA.api(`/api/meetings/${id}`);
    if (seq !== loadSeq) return;
    meetingId = m.id;
    MA.showErrors(form, null);
    say("#meeting-msg", "");
    $("#m-title").value = m.title;
    $("#m-kind").value = m.kind;
    showStart(m.scheduledStartLocal);
    $("#m-body").value = m.organisingBody;
    $("#m-place").value = m.place;
    $("#m-chair").value = m.chairName;
    $("#m-chair-title").value = m.chairTitle;
    $("#m-secretary").value = m.secretaryName;
    $("#m-audience").value = m.audienceGroup;
    $("#m-agenda").value = (m.agenda || []).map((a) => a.title).join("\n");
    $("#m-statement").value = m.statementSeconds;
    $("#m-answer").value = m.answerSeconds;
    $("#m-followup").value = m.followUpSeconds;
    $("#m-next").value = m.nextSpeakersShown || 5;
    $("#m-rules").value = m.rulesText;
    responderIds = new Set(m.responderIds || []);
    renderResponders();
    setText("#meeting-save", "Lưu hội nghị");
    showMeetingState();
    const failed = (e) => MA.alert(alertBox, e.message);
    MA.meetingDocuments($("#meeting-documents"), m.id, failed).catch(failed);
  }

  function newMeeting() {
    ++loadSeq;
    meetingId = 0;
    form.reset();
    MA.showErrors(form, null);
    say("#meeting-msg", "");
    $("#m-statement").value = 180;
    $("#m-answer").value = 300;
    $("#m-followup").value = 60;
    $("#m-next").value = 5;
    responderIds = new Set();
    renderResponders();
    setText("#meeting-save", "Tạo hội nghị");
    showMeetingState();
    $("#meeting-documents").replaceChildren();
    $("#m-title").focus();
  }

  const num = (id) => {
    const v = parseInt($(id).value, 10);
    return Number.isFinite(v) ? v : null;
  };

  // Responders of this meeting: people whose role is responder, ticked when they answer at this meeting.
  function renderResponders() {
    const responders = [...knownPeople.values()].filter((p) => p.role === "Responder");
    // Someone chosen earlier but not among the people loaded here keeps their tick.
    const unknown = [...responderIds].filter((id) => !responders.some((p) => p.id === id));
    const rows = [
      ...responders
        .sort((a, b) => a.name.localeCompare(b.name, "vi"))
        .map((p) => ({ id: p.id, text: [p.name, p.title, p.affiliation].filter(Boolean).join(" – ") })),
      ...unknown.map((id) => ({ id, text: `Người trả lời số ${id}` })),
    ];
    $("#m-responders").replaceChildren(
      ...(rows.length
        ? rows.map((r) =>
            el(
              "label",
              {},
              el("input", {
                type: "checkbox",
                value: String(r.id),
                checked: responderIds.has(r.id),
                onchange: (e) => (e.target.checked ? responderIds.add(r.id) : responderIds.delete(r.id)),
              }),
              el("span", { text: r.text })
            )
          )
        : [el("p", { class: "muted", text: "Chưa có ai với vai trò người trả lời." })])
    );
  }

  $("#meeting-pick").addEventListener("change", (e) => loadMeeting(parseInt(e.target.value, 10)).catch((err) => say("#meeting-actions-msg", err.message)));
  $("#show-archived").addEventListener("change", () => loadMeetings().catch((err) => say("#meeting-actions-msg", err.message)));
  $("#meeting-new").addEventListener("click", () => {
    say("#meeting-actions-msg", "");
    newMeeting();
  });

  $("#meeting-copy").addEventListener("click", async () => {
    try {
      const copy = await MA.api(`/api/meetings/${meetingId}/copy`, { method: "POST" });
      await loadMeetings(copy.id);
      say("#meeting-actions-msg", "Đã tạo bản sao với cùng chương trình và người trả lời. Hãy sửa tên và ngày giờ rồi lưu.", "ok");
      $("#m-title").focus();
    } catch (err) {
      say("#meeting-actions-msg", err.message);
    }
  });

  $("#meeting-on-screen").addEventListener("click", async () => {
    try {
      await MA.api(`/api/meetings/${meetingId}/on-screen`, { method: "POST" });
      await loadMeetings(meetingId);
      say("#meeting-actions-msg", "Màn chiếu, điện thoại và các màn hình theo hội trường đã chuyển sang hội nghị này.", "ok");
    } catch (err) {
      say("#meeting-actions-msg", err.message);
    }
  });

  $("#meeting-archive").addEventListener("click", async () => {
    const m = meetings.find((x) => x.id === meetingId);
    const archive = !(m && m.archived);
    if (archive && !(await MA.confirm(`Lưu trữ hội nghị “${m.title}”? Hội nghị sẽ không hiện trong danh sách chọn; biên bản và diễn biến vẫn được giữ.`, "Lưu trữ"))) return;
    try {
      await MA.api(`/api/meetings/${meetingId}/archive`, { method: "POST", body: { archived: archive } });
      const keep = meetingId;
      if (archive && !$("#show-archived").checked) meetingId = 0;
      await loadMeetings(archive && !$("#show-archived").checked ? 0 : keep);
      say("#meeting-actions-msg", archive ? `Đã lưu trữ “${m.title}”.` : `Đã bỏ lưu trữ “${m.title}”.`, "ok");
    } catch (err) {
      say("#meeting-actions-msg", err.message);
    }
  });

  $("#meeting-delete").addEventListener("click", async () => {
    const m = meetings.find((x) => x.id === meetingId);
    if (!m || !(await MA.confirm(`Xóa hẳn hội nghị “${m.title}”? Không thể khôi phục.`, "Xóa"))) return;
    try {
      await MA.api(`/api/meetings/${meetingId}`, { method: "DELETE" });
      meetingId = 0;
      await loadMeetings();
      say("#meeting-actions-msg", `Đã xóa “${m.title}”.`, "ok");
    } catch (err) {
      say("#meeting-actions-msg", err.message);
    }
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    say("#meeting-msg", "");
    const start = scheduledStart();
    if (start.error) {
      // Checked here first: an incomplete date must never become "today 08:00".
      MA.showErrors(form, { errors: { scheduledStart: [start.error] } });
      say("#meeting-msg", "Chưa lưu: hãy sửa chỗ được đánh dấu.");
      $("#m-date").focus();
      return;
    }
    const body = {
      title: $("#m-title").value,
      kind: $("#m-kind").value,
      organisingBody: $("#m-body").value,
      chairName: $("#m-chair").value,
      chairTitle: $("#m-chair-title").value,
      secretaryName: $("#m-secretary").value,
      place: $("#m-place").value,
      scheduledStart: start.value,
      audienceGroup: $("#m-audience").value,
      rulesText: $("#m-rules").value,
      statementSeconds: num("#m-statement"),
      answerSeconds: num("#m-answer"),
      followUpSeconds: num("#m-followup"),
      nextSpeakersShown: num("#m-next"),
      agenda: $("#m-agenda").value.split("\n").map((t) => t.trim()).filter(Boolean).map((title) => ({ title })),
      responderIds: [...responderIds],
    };
    const creating = !meetingId;
    try {
      const result = creating ? await MA.api("/api/meetings", { method: "POST", body }) : await MA.api(`/api/meetings/${meetingId}`, { method: "PUT", body });
      // A success clears every message left by an earlier attempt.
      MA.showErrors(form, null);
      await loadMeetings(result.id);
      say("#meeting-msg", creating ? "Đã tạo hội nghị." : "Đã lưu hội nghị.", "ok");
    } catch (err) {
      const placed = MA.showErrors(form, err);
      say("#meeting-msg", placed ? "Chưa lưu: hãy sửa chỗ được đánh dấu." : err.message);
      const first = form.querySelector("[aria-invalid='true']");
      if (first) first.focus();
    }
  });

  // ---- People --------------------------------------------------------------------------------------

  let personId = 0;
  let peopleSeq = 0;

  function remember(people) {
    for (const p of people) knownPeople.set(p.id, p);
  }

  async function loadPeople() {
    const seq = ++peopleSeq;
    const q = $("#people-q").value.trim();
    const people = await MA.api("/api/people" + (q ? "?q=" + encodeURIComponent(q) : ""));
    if (seq !== peopleSeq) return;
    remember(people);
    renderResponders();
    $("#people").replaceChildren(
      ...people.map((p) =>
        el(
          "li",
          {},
          el("div", {}, el("strong", { text: p.name }), el("small", { text: [p.roleLabel, p.title, p.affiliation].filter(Boolean).join(" · ") })),
          el(
            "div",
            { class: "s-actions" },
            el("button", { type: "button", text: "Sửa", "aria-label": `Sửa: ${p.name}`, onclick: () => editPerson(p) }),
            el("button", {
              type: "button",
              text: "Lưu trữ",
              "aria-label": `Lưu trữ: ${p.name}`,
              onclick: async () => {
                if (!(await MA.confirm(`Lưu trữ ${p.name}? Người này không còn hiện khi tìm kiếm và trong danh sách người trả lời; các phiên họp cũ vẫn giữ nguyên tên.`, "Lưu trữ"))) return;
                try {
                  await MA.api(`/api/people/${p.id}`, { method: "DELETE" });
                  knownPeople.delete(p.id);
                  responderIds.delete(p.id);
                  if (personId === p.id) editPerson(null);
                  await loadPeople();
                  say("#people-msg", `Đã lưu trữ: ${p.name}.`, "ok");
                } catch (err) {
                  say("#people-msg", err.message);
                }
              },
            })
          )
        )
      )
    );
    if (!people.length) $("#people").append(el("li", { class: "muted", text: "Không tìm thấy ai." }));
  }

  function editPerson(p) {
    personId = p ? p.id : 0;
    $("#p-name").value = p ? p.name : "";
    $("#p-affiliation").value = p ? p.affiliation : "";
    $("#p-role").value = p ? p.role : "Responder";
    $("#p-title").value = p ? p.title : "";
    setText("#person-h", p ? `Sửa: ${p.name}` : "Thêm người");
    say("#person-msg", "");
    $("#p-name").focus();
  }

  let peopleTimer = null;
  $("#people-q").addEventListener("input", () => {
    clearTimeout(peopleTimer);
    peopleTimer = setTimeout(() => loadPeople().catch((err) => say("#people-msg", err.message)), 150);
  });
  $("#person-clear").addEventListener("click", () => editPerson(null));
  $("#person-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = {
      name: $("#p-name").value,
      affiliation: $("#p-affiliation").value,
      role: $("#p-role").value,
      title: $("#p-title").value,
    };
    try {
      const saved = personId
        ? await MA.api(`/api/people/${personId}`, { method: "PUT", body })
        : await MA.api("/api/people", { method: "POST", body });
      remember([saved]);
      editPerson(null);
      await loadPeople();
      renderResponders();
      say("#person-msg", `Đã lưu: ${saved.name}.`, "ok");
    } catch (err) {
      say("#person-msg", err.message);
    }
  });

  // ---- Accounts ----------------------------------------------------------------------------------

  function showPassword(result) {
    const box = $("#password");
    box.hidden = false;
    // Shown once: the server keeps only a hash, so this is the only chance to copy it.
    box.replaceChildren(
      el("p", { text: `Mật khẩu mới của ${result.userName} (chỉ hiển thị một lần, hãy ghi lại):` }),
      el("code", { text: result.password })
    );
  }

  async function loadUsers() {
    const users = await MA.api("/api/users");
    $("#users").replaceChildren(
      ...users.map((u) =>
        el(
          "li",
          {},
          el("div", {}, el("strong", { text: u.userName }), el("small", { text: u.roleLabel + (u.locked ? " · đang tạm khóa" : "") })),
          el(
            "div",
            { class: "s-actions" },
            el("button", {
              type: "button",
              text: "Đặt lại mật khẩu",
              "aria-label": `Đặt lại mật khẩu: ${u.userName}`,
              onclick: async () => {
                if (!(await MA.confirm(`Đặt lại mật khẩu của ${u.userName}? Mật khẩu cũ sẽ không dùng được nữa.`, "Đặt lại"))) return;
                try {
                  showPassword(await MA.api(`/api/users/${u.id}/reset-password`, { method: "POST" }));
                  say("#user-msg", "");
                  await loadUsers();
                } catch (err) {
                  say("#user-msg", err.message);
                }
              },
            }),
            el("button", {
              type: "button",
              text: "Xóa",
              "aria-label": `Xóa tài khoản: ${u.userName}`,
              onclick: async () => {
                if (!(await MA.confirm(`Xóa tài khoản ${u.userName}?`, "Xóa"))) return;
                try {
                  await MA.api(`/api/users/${u.id}`, { method: "DELETE" });
                  await loadUsers();
                  say("#user-msg", `Đã xóa tài khoản ${u.userName}.`, "ok");
                } catch (err) {
                  say("#user-msg", err.message);
                }
              },
            })
          )
        )
      )
    );
  }

  $("#user-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      showPassword(await MA.api("/api/users", { method: "POST", body: { userName: $("#u-name").value, role: $("#u-role").value } }));
      $("#u-name").value = "";
      say("#user-msg", "");
      await loadUsers();
    } catch (err) {
      say("#user-msg", err.message);
    }
  });

  editPerson(null);
  $("#p-name").blur();
  const fail = (e) => MA.alert(alertBox, e.message);
  // People first: the responder checklist of the meeting is drawn from them.
  await loadPeople().catch(fail);
  await Promise.all([loadMeetings().catch(fail), loadUsers().catch(fail)]);
})();
