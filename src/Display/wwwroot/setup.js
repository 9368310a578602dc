// Setup (admin): meetings, people and responders, accounts. Plain forms over the JSON API.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const session = await MA.requireRole(["admin"]);
  MA.showUser(session);
  const alertBox = $("#alert");
  const fail = (e) => MA.alert(alertBox, e.message);
  const ok = (message) => MA.alert(alertBox, message, "ok");

  // ---- Meetings ----------------------------------------------------------------------------------

  let meetingId = 0;

  async function loadMeetings(select) {
    const meetings = await MA.api("/api/meetings");
    $("#meeting-pick").replaceChildren(...meetings.map((m) => el("option", { value: String(m.id), text: `${m.title} (${m.kindLabel})` })));
    if (!meetings.length) {
      newMeeting();
      return;
    }
    let id = select || meetingId;
    if (!meetings.some((m) => m.id === id)) {
      try {
        id = (await MA.api("/api/meetings/current")).id;
      } catch {
        id = meetings[0].id;
      }
    }
    $("#meeting-pick").value = String(id);
    await loadMeeting(id);
  }

  const field = (id) => $(id);
  async function loadMeeting(id) {
    const m = await MA.api(`/api/meetings/${id}`);
    meetingId = m.id;
    field("#m-title").value = m.title;
    field("#m-kind").value = m.kind;
    field("#m-start").value = (m.scheduledStart || "").slice(0, 16);
    field("#m-body").value = m.organisingBody;
    field("#m-place").value = m.place;
    field("#m-chair").value = m.chairName;
    field("#m-chair-title").value = m.chairTitle;
    field("#m-secretary").value = m.secretaryName;
    field("#m-audience").value = m.audienceGroup;
    field("#m-agenda").value = (m.agenda || []).map((a) => a.title).join("\n");
    field("#m-statement").value = m.statementSeconds;
    field("#m-answer").value = m.answerSeconds;
    field("#m-followup").value = m.followUpSeconds;
    field("#m-rules").value = m.rulesText;
    setText("#meeting-save", "Lưu hội nghị");
  }

  function newMeeting() {
    meetingId = 0;
    $("#meeting-form").reset();
    field("#m-statement").value = 180;
    field("#m-answer").value = 300;
    field("#m-followup").value = 60;
    setText("#meeting-save", "Tạo hội nghị");
    field("#m-title").focus();
  }

  const num = (id) => {
    const v = parseInt(field(id).value, 10);
    return Number.isFinite(v) ? v : null;
  };

  $("#meeting-pick").addEventListener("change", (e) => loadMeeting(parseInt(e.target.value, 10)).catch(fail));
  $("#meeting-new").addEventListener("click", newMeeting);
  $("#meeting-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = {
      title: field("#m-title").value,
      kind: field("#m-kind").value,
      organisingBody: field("#m-body").value,
      chairName: field("#m-chair").value,
      chairTitle: field("#m-chair-title").value,
      secretaryName: field("#m-secretary").value,
      place: field("#m-place").value,
      scheduledStart: field("#m-start").value || null,
      audienceGroup: field("#m-audience").value,
      rulesText: field("#m-rules").value,
      statementSeconds: num("#m-statement"),
      answerSeconds: num("#m-answer"),
      followUpSeconds: num("#m-followup"),
      agenda: field("#m-agenda").value.split("\n").map((t) => t.trim()).filter(Boolean).map((title) => ({ title })),
    };
    try {
      const result = meetingId
        ? await MA.api(`/api/meetings/${meetingId}`, { method: "PUT", body })
        : await MA.api("/api/meetings", { method: "POST", body });
      ok(meetingId ? "Đã lưu hội nghị." : "Đã tạo hội nghị.");
      await loadMeetings(result.id);
    } catch (err) {
      fail(err);
    }
  });

  // ---- People --------------------------------------------------------------------------------------

  let personId = 0;
  let peopleSeq = 0;

  async function loadPeople() {
    const seq = ++peopleSeq;
    const q = $("#people-q").value.trim();
    const people = await MA.api("/api/people" + (q ? "?q=" + encodeURIComponent(q) : ""));
    if (seq !== peopleSeq) return;
    $("#people").replaceChildren(
      ...people.map((p) =>
        el(
          "li",
          {},
          el("div", {}, el("strong", { text: p.name }), el("small", { text: [p.roleLabel, p.title, p.affiliation].filter(Boolean).join(" · ") })),
          el("button", { type: "button", text: "Sửa", "aria-label": `Sửa: ${p.name}`, onclick: () => editPerson(p) })
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
    $("#p-name").focus();
  }

  let peopleTimer = null;
  $("#people-q").addEventListener("input", () => {
    clearTimeout(peopleTimer);
    peopleTimer = setTimeout(() => loadPeople().catch(fail), 150);
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
      ok(`Đã lưu: ${saved.name}.`);
      editPerson(null);
      await loadPeople();
    } catch (err) {
      fail(err);
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
                  await loadUsers();
                } catch (err) {
                  fail(err);
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
                } catch (err) {
                  fail(err);
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
      await loadUsers();
    } catch (err) {
      fail(err);
    }
  });

  editPerson(null);
  $("#p-name").blur();
  await Promise.all([loadMeetings().catch(fail), loadPeople().catch(fail), loadUsers().catch(fail)]);
})();
