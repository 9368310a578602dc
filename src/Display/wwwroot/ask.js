// Phone page from the QR code: ask to speak, follow each request live, withdraw one. No account needed.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  // Version 3 keeps every request sent from this phone, per meeting, with the token that proves it is this phone's.
  const STORE = "meetingassist.ask.v3";
  const STORE_V2 = "meetingassist.ask.v2";
  const alertBox = $("#alert");
  // With ?m= (the QR code) the phone stays on that meeting; without it, it follows the hall's on-screen meeting.
  const fixedMeeting = MA.pageMeeting();
  let meetingId;
  try {
    meetingId = await MA.meetingId();
  } catch (e) {
    setText("#title", "Chưa có hội nghị");
    MA.alert(alertBox, e.message);
    return;
  }

  $("#field").replaceChildren(el("option", { value: "", text: "— Chọn lĩnh vực (không bắt buộc) —" }), ...MA.fields.map((f) => el("option", { value: f, text: f })));

  /** Every meeting's requests from this phone: { "<meetingId>": [{ requestId, token, name, topic }] }. */
  function loadAll() {
    try {
      const value = JSON.parse(localStorage.getItem(STORE) || "null");
      if (value && typeof value.meetings === "object" && value.meetings) return value.meetings;
    } catch {
      /* unreadable: start afresh */
    }
    // A phone that used the page before version 3 kept one meeting's requests.
    try {
      const old = JSON.parse(localStorage.getItem(STORE_V2) || "null");
      if (old && old.meetingId && Array.isArray(old.requests)) return { [old.meetingId]: old.requests };
    } catch {
      /* unreadable: nothing to keep */
    }
    return {};
  }
  function load() {
    const requests = loadAll()[meetingId];
    return Array.isArray(requests) ? requests : [];
  }
  function saveFor(id, requests) {
    const all = loadAll();
    all[id] = requests.map(({ requestId, token, name, topic }) => ({ requestId, token, name, topic }));
    localStorage.setItem(STORE, JSON.stringify({ meetings: all }));
  }
  function save() {
    saveFor(meetingId, mine);
  }

  /** This phone's requests in the meeting shown, oldest first, each with its last known status. */
  let mine = load();
  /** Whether the meeting takes requests now; null until known. */
  let formOpen = null;
  let closedReason = "";
  let wantForm = mine.length === 0;
  let refreshSeq = 0;

  const TEXT = {
    PendingApproval: ["Đang chờ duyệt", "Bàn tiếp nhận sẽ duyệt yêu cầu của bạn trong ít phút."],
    Waiting: ["", "Xin giữ trật tự và chờ chủ trì mời phát biểu."],
    Speaking: ["Đến lượt bạn: đang phát biểu", "Mời bạn phát biểu."],
    Spoken: ["Đã phát biểu", "Cảm ơn bạn đã đóng góp ý kiến."],
    Withdrawn: ["Đã rút đăng ký", "Bạn có thể gửi đăng ký khác nếu cần."],
    Skipped: ["Đã bị bỏ qua", "Hãy liên hệ bàn tiếp nhận nếu bạn vẫn muốn phát biểu."],
    Rejected: ["Bị từ chối", "Hãy liên hệ bàn tiếp nhận để biết thêm."],
  };
  const WITHDRAWABLE = ["PendingApproval", "Waiting"];

  function render() {
    const closed = formOpen === false;
    const closedNode = $("#closed");
    closedNode.hidden = !closed;
    setText(closedNode, closed ? closedReason : "");
    $("#form").hidden = closed || formOpen === null || !wantForm;
    $("#mine").hidden = mine.length === 0;
    $("#again").hidden = closed || wantForm;
    $("#mine-list").replaceChildren(...mine.slice().reverse().map((r, i) => card(r, i === 0)));
  }

  /** The newest request's status carries id "state": the one a returning citizen looks at first. */
  function card(r, newest) {
    const status = r.status || "";
    const [main, note] = TEXT[status] || [r.statusLabel || "", ""];
    const text = status === "Waiting" ? `Thứ tự ${r.position} trong danh sách` : main;
    return el(
      "li",
      { class: "card a-status", "data-request": String(r.requestId) },
      el("p", { class: "a-state", id: newest ? "state" : null, "data-status": status, text }),
      el("p", { class: "a-who", text: r.topic ? `${r.name} – ${r.topic}` : r.name }),
      el("p", { class: "muted", text: note }),
      WITHDRAWABLE.includes(status)
        ? el("button", { type: "button", class: "danger", text: "Rút đăng ký", onclick: () => withdraw(r, meetingId) })
        : null
    );
  }

  async function refresh() {
    const seq = ++refreshSeq;
    const results = await Promise.all(
      mine.map(async (r) => {
        try {
          return { r, status: await MA.api(`/api/meetings/${meetingId}/requests/${r.requestId}/status?token=${encodeURIComponent(r.token)}`) };
        } catch (e) {
          return { r, gone: e.status === 404 };
        }
      })
    );
    if (seq !== refreshSeq) return;
    for (const { r, status } of results) if (status) Object.assign(r, { status: status.status, statusLabel: status.statusLabel, position: status.position });
    // A request the server no longer knows belongs to data that was reset: forget it.
    const gone = results.filter((x) => x.gone).map((x) => x.r);
    if (gone.length) {
      mine = mine.filter((r) => !gone.includes(r));
      save();
      if (mine.length === 0) wantForm = true;
    }
    render();
  }

  /** owner: the meeting the request was sent to, which the hall may have left while the question was open. */
  async function withdraw(r, owner) {
    if (!(await MA.confirm(`Rút đăng ký phát biểu “${r.topic}”?`, "Rút đăng ký", "Không"))) return;
    try {
      const status = await MA.api(`/api/meetings/${owner}/requests/${r.requestId}/withdraw`, { method: "POST", body: { token: r.token } });
      Object.assign(r, { status: status.status, statusLabel: status.statusLabel, position: status.position });
      MA.alert(alertBox, "Đã rút đăng ký.", "ok");
      render();
    } catch (e) {
      MA.alert(alertBox, e.message);
      refresh();
    }
  }

  function applyState(open, reason) {
    formOpen = open;
    closedReason = reason || "";
    render();
  }

  /** The hall put another meeting on screen: the list, the form and the title now belong to that meeting. */
  function switchMeeting(id) {
    meetingId = id;
    mine = load();
    wantForm = mine.length === 0;
    formOpen = null;
    refreshSeq++;
    MA.alert(alertBox, "");
  }

  MA.connectMeeting(fixedMeeting, (s) => {
    if (s.meetingId !== meetingId) switchMeeting(s.meetingId);
    setText("#title", s.meeting.title);
    document.title = "Đăng ký phát biểu – " + s.meeting.title;
    if (s.status === "Ended") applyState(false, "Hội nghị đã kết thúc, không nhận thêm đăng ký phát biểu.");
    else if (!s.listOpen) applyState(false, "Danh sách đăng ký phát biểu đã đóng. Xin cảm ơn quý vị.");
    else applyState(true, "");
    refresh();
  });

  try {
    const state = await MA.api(`/api/meetings/${meetingId}/ask/state`);
    if (formOpen === null) applyState(state.open, state.reason);
  } catch {
    /* the live connection tells the same */
  }
  render();
  refresh();

  let sending = false;
  $("#form").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (sending) return;
    const input = {
      name: $("#name").value.trim(),
      affiliation: $("#affiliation").value.trim(),
      topic: $("#topic").value.trim(),
      field: $("#field").value || null,
    };
    if (!input.name) {
      MA.alert(alertBox, "Hãy nhập họ và tên.");
      $("#name").focus();
      return;
    }
    if (!input.topic) {
      MA.alert(alertBox, "Hãy nhập nội dung muốn phát biểu.");
      $("#topic").focus();
      return;
    }
    sending = true;
    try {
      // The request belongs to the meeting shown when it was sent, even if the hall switches before the answer.
      const target = meetingId;
      const result = await MA.api(`/api/meetings/${target}/ask`, { method: "POST", body: input });
      const sent = { requestId: result.requestId, token: result.token, name: input.name, topic: input.topic, status: "PendingApproval" };
      if (target !== meetingId) {
        const stored = loadAll()[target];
        saveFor(target, (Array.isArray(stored) ? stored : []).concat(sent));
        return;
      }
      mine.push(sent);
      save();
      MA.alert(alertBox, "");
      $("#form").reset();
      wantForm = false;
      render();
      refresh();
    } catch (err) {
      MA.alert(alertBox, err.message);
    } finally {
      sending = false;
    }
  });

  $("#again").addEventListener("click", () => {
    wantForm = true;
    render();
    $("#name").focus();
  });
})();
