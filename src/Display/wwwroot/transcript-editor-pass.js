// The second pass: the meeting's own recording recognised again on the server with the second-pass model of the speech
// settings (named in the box, with why that one), for the whole meeting once it ended or for one finished turn, with
// its progress and the time left. The result is offered per turn through the uploaded-recording preview below it.
// Uses the TE object of transcript-editor.js.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  await TE.ready;
  let timer = null;

  function timeLeft(seconds) {
    if (seconds === null || seconds === undefined) return "đang ước tính thời gian còn lại";
    if (seconds < 60) return "còn dưới 1 phút";
    return `còn khoảng ${Math.round(seconds / 60)} phút`;
  }

  function describe(pass) {
    const what = pass.turnId === null ? "cả hội nghị" : "một lượt";
    const model = pass.modelName ? ` bằng mô hình ${pass.modelName}` : "";
    switch (pass.state) {
      case "Queued": return `Nhận dạng lại ${what}: đang chờ đến lượt.`;
      case "Running": return `Đang nhận dạng lại ${what}${model}: ${Math.floor(pass.progress)}%, ${timeLeft(pass.secondsLeft)}.`;
      case "Done": return pass.segments > 0
        ? `Đã nhận dạng lại ${what}${model}: ${pass.segments} đoạn. Mở mục “Đưa văn bản từ tệp ghi âm…”, chọn “${pass.turnId === null ? "Nhận dạng lại cả hội nghị" : "Nhận dạng lại lượt"}…” và xem trước từng lượt.`
        : `Đã nhận dạng lại ${what}${model} nhưng không nghe được lời nói nào.`;
      case "Failed": return `Nhận dạng lại không xong: ${pass.error || "lỗi không rõ"}`;
      default: return "Lượt nhận dạng lại đã bị hủy.";
    }
  }

  function show(status) {
    const problem = $("#pass-problem");
    problem.hidden = status.ready;
    setText(problem, status.problem || "");
    $("#pass-all").disabled = $("#pass-one").disabled = !status.ready;
    if ("model" in status) {
      $("#pass-model").hidden = !status.model;
      setText("#pass-model", status.model ? `Mô hình dùng để nhận dạng lại: ${status.model} (${status.modelReason}).` : "");
    }
    const pass = status.pass;
    const running = pass && (pass.state === "Queued" || pass.state === "Running");
    $("#pass-progress").hidden = !pass || pass.state === "Cancelled" || pass.state === "Failed";
    if (pass) $("#pass-progress").value = pass.progress;
    setText("#pass-state", pass ? describe(pass) : "");
    $("#pass-cancel").hidden = !running;
    $("#pass-cancel").onclick = running ? () => cancel(pass.recordingId) : null;
    clearTimeout(timer);
    if (running) timer = setTimeout(() => refresh().catch(TE.fail), 2000);
  }

  async function cancel(recordingId) {
    if (!(await MA.confirm("Hủy lượt nhận dạng lại đang chạy? Phần đã nhận dạng vẫn được giữ để xem trước."))) return;
    await MA.api(`/api/recordings/${recordingId}/cancel`, { method: "POST" }).catch(TE.fail);
    await refresh().catch(TE.fail);
  }

  async function refresh() {
    show(await MA.api(`${TE.base}/second-pass`));
  }

  function fillTurns() {
    const finished = TE.view.turns.filter((t) => !t.voided && t.endedAtMs !== null);
    const keep = $("#pass-turn").value;
    $("#pass-turn").replaceChildren(
      ...finished.map((t) => el("option", { value: String(t.turnId), text: `${TE.clock(t.startedAtMs)} ${t.speakerName} – ${t.kindLabel}` })));
    if (!finished.length) $("#pass-turn").append(el("option", { value: "", text: "Chưa có lượt nào kết thúc" }));
    if (keep) $("#pass-turn").value = keep;
  }

  async function request(turnId) {
    try {
      const pass = await MA.api(`${TE.base}/second-pass`, { method: "POST", body: { turnId } });
      show({ ready: true, problem: null, pass });
    } catch (e) {
      TE.fail(e);
    }
  }

  $("#pass-all").addEventListener("click", () => request(null));
  $("#pass-one").addEventListener("click", () => {
    const v = $("#pass-turn").value;
    if (!v) return TE.fail(new Error("Hãy chọn một lượt phát biểu đã kết thúc."));
    return request(Number(v));
  });
  $("#pass-box").addEventListener("toggle", () => {
    if (!$("#pass-box").open) return;
    fillTurns();
    refresh().catch(TE.fail);
  });
  TE.onView.push(() => $("#pass-box").open && fillTurns());
  // A pass started earlier (or from another device) shows its progress as soon as the page opens.
  try {
    const status = await MA.api(`${TE.base}/second-pass`);
    show(status);
    if (status.pass && (status.pass.state === "Queued" || status.pass.state === "Running")) $("#pass-box").open = true;
  } catch {
    /* opening the box tries again */
  }
})();
