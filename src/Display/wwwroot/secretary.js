"use strict";

(() => {
  const $ = id => document.getElementById(id);
  const el = MA.el;
  let meetingId = null;
  let ready = false;
  let polling = null;

  function duration(ms) {
    const s = Math.round(ms / 1000);
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    return (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(r).padStart(2, "0");
  }

  function showStatus(status) {
    ready = status.ready;
    const banner = $("speech-status");
    banner.textContent = status.message;
    banner.className = "banner " + (status.ready ? "ok" : "warn");
    $("upload").disabled = !status.ready;
  }

  async function loadStatus() {
    try {
      showStatus(await MA.api("/api/speech/status"));
    } catch (e) {
      showStatus({ ready: false, message: e.message });
    }
  }

  async function loadMeetings() {
    const meetings = await MA.api("/api/meetings/");
    const select = $("meeting");
    select.replaceChildren(...meetings.map(m => el("option", {
      value: String(m.id),
      text: m.title + " — " + new Date(m.scheduledStart).toLocaleDateString("vi-VN"),
    })));
    if (!meetings.length) {
      select.append(el("option", { value: "", text: "Chưa có hội nghị nào" }));
      return;
    }
    const fromUrl = new URLSearchParams(location.search).get("meeting");
    let current = fromUrl;
    if (!current) {
      try { current = String((await MA.api("/api/meetings/current")).id); } catch { current = null; }
    }
    if (current && meetings.some(m => String(m.id) === current)) select.value = current;
    meetingId = select.value;
  }

  function setDownloads() {
    for (const format of ["srt", "vtt", "txt"]) {
      const link = $("dl-" + format);
      link.href = meetingId ? "/api/meetings/" + meetingId + "/transcript/" + format : "#";
    }
  }

  async function loadRecordings() {
    if (!meetingId) return [];
    const list = await MA.api("/api/meetings/" + meetingId + "/recordings");
    const body = $("recordings").querySelector("tbody");
    body.replaceChildren(...list.map(r => {
      const active = r.state === "Queued" || r.state === "Running";
      const cancel = el("button", { type: "button", class: "secondary", text: "Hủy" });
      cancel.addEventListener("click", async () => {
        cancel.disabled = true;
        try { await MA.api("/api/recordings/" + r.id + "/cancel", { method: "POST" }); } catch (e) { $("upload-error").textContent = e.message; }
        refresh();
      });
      const state = el("td", {}, [el("span", { class: "tag " + (r.state === "Done" ? "ok" : r.state === "Failed" ? "bad" : ""), text: r.stateLabel })]);
      if (r.error) state.append(el("div", { class: "error", text: r.error }));
      return el("tr", {}, [
        el("td", { text: r.fileName }),
        el("td", { class: "num", text: r.durationMs ? duration(r.durationMs) : "—" }),
        state,
        el("td", { class: "num" }, [el("progress", { max: "100", value: String(r.progress), "aria-label": "Tiến độ " + r.fileName }), " " + Math.floor(r.progress) + "%"]),
        el("td", {}, active ? [cancel] : []),
      ]);
    }));
    $("recordings").classList.toggle("hidden", list.length === 0);
    $("no-recordings").classList.toggle("hidden", list.length > 0);
    return list;
  }

  async function loadSegments() {
    if (!meetingId) return;
    const segments = await MA.api("/api/meetings/" + meetingId + "/transcript");
    const body = $("segments").querySelector("tbody");
    body.replaceChildren(...segments.filter(s => s.text.trim()).map(s => {
      const confidence = Math.round(s.averageTokenProbability * 100);
      return el("tr", { class: confidence < 50 ? "doubtful" : "" }, [
        el("td", { class: "time", text: s.start }),
        el("td", { class: "text", text: s.text }),
        el("td", { class: "num", text: confidence + "%" }),
      ]);
    }));
    const any = body.children.length > 0;
    $("segments").classList.toggle("hidden", !any);
    $("no-segments").classList.toggle("hidden", any);
    for (const format of ["srt", "vtt", "txt"]) $("dl-" + format).setAttribute("aria-disabled", String(!any));
  }

  // Polls while a job waits or runs: one small request a second is nothing for the server.
  async function refresh() {
    try {
      const list = await loadRecordings();
      await loadSegments();
      const running = list.find(r => r.state === "Running") || list.find(r => r.state === "Queued");
      if (running) {
        showProgress("Đang nhận dạng “" + running.fileName + "”: " + Math.floor(running.progress) + "%", running.progress);
        if (!polling) polling = setInterval(refresh, 1500);
      } else {
        if (polling) { clearInterval(polling); polling = null; }
        if (!$("upload").dataset.busy) $("progress-box").classList.add("hidden");
      }
    } catch (e) {
      $("upload-error").textContent = e.message;
    }
  }

  function showProgress(text, percent) {
    $("progress-box").classList.remove("hidden");
    $("progress-label").textContent = text;
    $("progress").value = percent;
  }

  async function onUpload(event) {
    event.preventDefault();
    $("upload-error").textContent = "";
    const file = $("file").files[0];
    if (!file) { $("upload-error").textContent = "Hãy chọn tệp ghi âm trước."; return; }
    if (!meetingId) { $("upload-error").textContent = "Hãy chọn hội nghị trước."; return; }
    if (!ready) { $("upload-error").textContent = $("speech-status").textContent; return; }
    const button = $("upload");
    button.disabled = true;
    button.dataset.busy = "1";
    try {
      showProgress("Đang tải lên “" + file.name + "”: 0%", 0);
      await MA.upload("/api/meetings/" + meetingId + "/recordings?fileName=" + encodeURIComponent(file.name), file,
        fraction => showProgress("Đang tải lên “" + file.name + "”: " + Math.floor(fraction * 100) + "%", fraction * 100));
      showProgress("Đã tải lên. Đang chờ nhận dạng…", 0);
      $("file").value = "";
    } catch (e) {
      $("upload-error").textContent = e.message;
      $("progress-box").classList.add("hidden");
    } finally {
      delete button.dataset.busy;
      button.disabled = !ready;
      refresh();
    }
  }

  async function start() {
    const session = await MA.requireRole(["secretary", "admin"]);
    $("who").textContent = session.roleLabel + ": " + session.userName;
    if (session.role === "admin") $("settings-link").classList.remove("hidden");
    await loadStatus();
    try {
      await loadMeetings();
    } catch (e) {
      $("upload-error").textContent = e.message;
    }
    setDownloads();
    $("meeting").addEventListener("change", () => {
      meetingId = $("meeting").value;
      history.replaceState(null, "", "?meeting=" + meetingId);
      setDownloads();
      refresh();
    });
    $("upload-form").addEventListener("submit", onUpload);
    refresh();
  }

  start();
})();
