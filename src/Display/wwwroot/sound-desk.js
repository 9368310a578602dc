// Longer than 300 lines on purpose: capture, the resend buffer and the reconnect loop all turn on the position the
// server acknowledged; kept together so the rule that no block is ever lost can be checked in one reading.
// Sound desk: the hall microphone through this laptop to the server, with nothing lost when the network drops.
// Every 100 ms block stays in memory until the server acknowledges it ({"next": N}); after a cut the page
// reconnects every second and resends from N, so the server's timeline (and floor attribution) stays exact.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const RATE = 16000;
  const { alertBox, meetingId } = await MA.startStaffPage(["secretary", "admin"], { resolveMeeting: true });
  if (!meetingId) return;
  $("#transcript-link").href = "/live-transcript?m=" + meetingId;

  // ---- Meeting choice ----------------------------------------------------------------------------

  MA.api("/api/meetings/")
    .then((meetings) => {
      const select = $("#meeting");
      select.replaceChildren(...meetings.map((m) => el("option", { value: String(m.id), text: m.title })));
      select.value = String(meetingId);
      select.addEventListener("change", () => {
        if (capture) return;
        location.search = "?m=" + select.value;
      });
    })
    .catch((e) => MA.alert(alertBox, e.message));

  const live = MA.connectMeeting(meetingId, (s) => {
    setText("#floor", s.floor ? `Đang phát biểu: ${s.floor.speaker.name} (${s.floor.kindLabel})` : "Chưa có ai được mời phát biểu — tiếng nói lúc này không được ghi cho ai.");
  });
  void live;

  // ---- Capture -----------------------------------------------------------------------------------

  /** The current capture: audio graph, blocks waiting for acknowledgement, the socket. */
  let capture = null;

  function linkState(state, text) {
    const node = $("#link");
    node.dataset.state = state;
    setText(node, text);
  }

  async function waitForClock() {
    // The capture start must be on the server clock: floor events are stamped there.
    for (let i = 0; i < 50 && !MA.clock.synced; i++) await MA.delay(100);
  }

  async function start() {
    if (capture) return;
    $("#start").disabled = true;
    $("#meeting").disabled = true;
    MA.alert(alertBox, "");
    try {
      await waitForClock();
      // The worklet is loaded before the microphone opens so the first samples are not lost waiting for it.
      const context = new AudioContext({ latencyHint: "interactive" });
      await context.audioWorklet.addModule("/assets/sound-desk-worklet.js");
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
      const source = context.createMediaStreamSource(stream);
      const node = new AudioWorkletNode(context, "sound-desk-capture", { numberOfInputs: 1, numberOfOutputs: 0 });
      capture = {
        context,
        stream,
        source,
        node,
        startMs: null,
        nextIndex: 0, // sample index of the next block from the worklet
        acked: 0, // everything before this index is stored on the server
        blocks: [], // { first, pcm } not yet acknowledged, in order
        socket: null,
        sentUpTo: 0,
        stopping: false,
        retryTimer: null,
      };
      node.port.onmessage = (e) => onBlock(capture, e.data);
      source.connect(node);
      if (context.state === "suspended") await context.resume();
      linkState("connecting", "Đang kết nối…");
      $("#stop").disabled = false;
    } catch (e) {
      MA.alert(alertBox, micError(e));
      await teardown();
      $("#start").disabled = false;
      $("#meeting").disabled = false;
    }
  }

  function micError(e) {
    if (e && e.name === "NotAllowedError") return "Trình duyệt không cho dùng micrô. Hãy cho phép micrô cho trang này rồi thử lại.";
    if (e && e.name === "NotFoundError") return "Không tìm thấy micrô nào trên máy này.";
    if (!window.isSecureContext) return "Trình duyệt chỉ cho dùng micrô trên https:// hoặc trên chính máy chủ (localhost).";
    return "Không mở được micrô: " + ((e && e.message) || "lỗi không rõ") + ".";
  }

  function onBlock(c, data) {
    if (c !== capture || c.stopping) return;
    if (c.startMs === null) {
      // The first block's first sample was taken (block length + time since the worklet saw it) ago.
      const sinceFirstFrame = (c.context.currentTime - data.firstFrame / data.sampleRate) * 1000;
      c.startMs = Math.round(MA.clock.now() - sinceFirstFrame);
      document.body.dataset.captureStart = String(c.startMs);
      connect(c);
    }
    c.blocks.push({ first: c.nextIndex, pcm: data.pcm });
    c.nextIndex += data.pcm.length;
    showLevel(data.peak);
    sendPending(c);
    showCounts();
  }

  function showLevel(peak) {
    const db = peak > 0 ? 20 * Math.log10(peak) : -90;
    const percent = Math.max(0, Math.min(100, ((db + 60) / 60) * 100));
    const bar = $("#meter-bar");
    bar.style.width = percent.toFixed(0) + "%";
    bar.dataset.level = db > -3 ? "clip" : db > -40 ? "ok" : "low";
    setText("#level", db <= -89 ? "im lặng" : `${db.toFixed(0)} dB`);
  }

  function seconds(samples) {
    return (samples / RATE).toFixed(1).replace(".", ",") + " giây";
  }

  function showCounts() {
    if (!capture) return;
    setText("#captured", seconds(capture.nextIndex));
    setText("#waiting", seconds(capture.nextIndex - capture.acked));
    $("#waiting").dataset.samples = String(capture.nextIndex - capture.acked);
  }

  function socketUrl() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${location.host}/api/meetings/${meetingId}/live/audio`;
  }

  function connect(c) {
    if (c !== capture || c.socket) return;
    const socket = new WebSocket(socketUrl());
    socket.binaryType = "arraybuffer";
    c.socket = socket;
    socket.onopen = () => {
      if (c.socket !== socket) return;
      // Resend from what the server last confirmed; it skips anything it already has.
      c.sentUpTo = c.acked;
      linkState("sending", "Đang gửi");
      sendPending(c);
    };
    socket.onmessage = (e) => {
      if (typeof e.data !== "string") return;
      let next;
      try {
        next = JSON.parse(e.data).next;
      } catch {
        return;
      }
      if (typeof next !== "number" || next <= c.acked) return;
      c.acked = next;
      while (c.blocks.length && c.blocks[0].first + c.blocks[0].pcm.length <= next) c.blocks.shift();
      showCounts();
      if (c.stopping && c.acked >= c.nextIndex) finish(c);
    };
    socket.onclose = (e) => {
      if (c.socket !== socket) return;
      c.socket = null;
      if (capture !== c) return;
      if (e.code === 1007 && e.reason) MA.alert(alertBox, e.reason);
      linkState("retrying", "Mất kết nối — đang thử lại");
      c.retryTimer = setTimeout(() => connect(c), 1000);
    };
    socket.onerror = () => {
      /* onclose follows and schedules the retry */
    };
  }

  function sendPending(c) {
    const socket = c.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    for (const block of c.blocks) {
      const end = block.first + block.pcm.length;
      if (end <= c.sentUpTo) continue;
      const skip = Math.max(0, c.sentUpTo - block.first);
      const pcm = skip ? block.pcm.subarray(skip) : block.pcm;
      const message = new ArrayBuffer(16 + pcm.byteLength);
      const view = new DataView(message);
      view.setBigInt64(0, BigInt(block.first + skip), true);
      view.setBigInt64(8, BigInt(c.startMs), true);
      new Int16Array(message, 16).set(pcm);
      socket.send(message);
      c.sentUpTo = end;
    }
  }

  async function stop() {
    const c = capture;
    if (!c) return;
    $("#stop").disabled = true;
    c.stopping = true;
    await stopAudio(c);
    if (c.startMs === null || c.acked >= c.nextIndex) {
      finish(c);
      return;
    }
    linkState(c.socket ? "sending" : "retrying", "Đang gửi nốt phần còn lại…");
  }

  function finish(c) {
    clearTimeout(c.retryTimer);
    if (c.socket) {
      const socket = c.socket;
      c.socket = null;
      socket.close(1000);
    }
    if (capture === c) capture = null;
    linkState("idle", c.startMs === null ? "Chưa thu" : "Đã dừng, đã gửi hết");
    showLevel(0);
    setText("#waiting", seconds(0));
    $("#waiting").dataset.samples = "0";
    $("#start").disabled = false;
    $("#meeting").disabled = false;
    $("#stop").disabled = true;
  }

  async function stopAudio(c) {
    try {
      c.source && c.source.disconnect();
      c.node && (c.node.port.onmessage = null);
      c.stream && c.stream.getTracks().forEach((t) => t.stop());
      if (c.context && c.context.state !== "closed") await c.context.close();
    } catch {
      /* already closed */
    }
  }

  async function teardown() {
    if (!capture) return;
    const c = capture;
    capture = null;
    clearTimeout(c.retryTimer);
    await stopAudio(c);
    if (c.socket) c.socket.close(1000);
  }

  $("#start").addEventListener("click", start);
  $("#stop").addEventListener("click", stop);
  window.addEventListener("beforeunload", (e) => {
    // Closing the page would lose audio the server has not confirmed yet.
    if (capture && capture.acked < capture.nextIndex) e.preventDefault();
  });

  // ---- Status panel ------------------------------------------------------------------------------

  function sourceText(source) {
    if (source === "browser") return "micrô trình duyệt";
    if (source && source.startsWith("server:")) return "máy chủ (ffmpeg " + source.slice("server:".length) + ")";
    return source || "–";
  }

  const number = (value, digits) => value.toFixed(digits).replace(".", ",");

  async function pollStatus() {
    try {
      const s = await MA.api(`/api/meetings/${meetingId}/live/status`);
      const speech = $("#speech");
      speech.dataset.kind = s.speechReady ? "ok" : "warn";
      setText(speech, s.speechMessage);
      setText("#st-source", s.capturing ? sourceText(s.source) : "không có nguồn nào đang gửi");
      setText("#st-received", `${number(s.receivedSeconds, 1)} giây`);
      setText("#st-vad", s.vadFallbackReason ? `Cổng năng lượng (dự phòng) – ${s.vadModel}` : s.vadModel);
      const reason = $("#st-vad-reason");
      reason.hidden = !s.vadFallbackReason;
      setText(reason, s.vadFallbackReason ? "Cảnh báo: đang dùng cổng năng lượng dự phòng, tiếng ồn, vỗ tay hay nhạc có thể bị ghi thành chữ. Không dùng được mô hình Silero: " + s.vadFallbackReason : "");
      setText("#st-lag", s.lagSeconds > 0.05 ? `${number(s.lagSeconds, 1)} giây` : "không trễ");
      setText("#st-queue", `${s.queuedJobs} đoạn (${number(s.queuedAudioSeconds, 1)} giây âm thanh)`);
      setText("#st-segments", `${s.segmentsStored} / ${s.segmentsDropped}`);
      setText("#st-second", `${s.secondLooksPending} đoạn chờ lúc hội trường yên lặng · ${s.secondLooksImproved} đoạn đã cập nhật`
        + (s.secondLooksSkipped > 0 ? ` · ${s.secondLooksSkipped} đoạn bỏ qua vì tồn quá nhiều` : ""));
      setText("#st-unattributed", `${number(s.unattributedSeconds, 1)} giây`);
      setText("#st-captions", s.captionsEnabled ? "Đang bật" : "Đang tắt");
      setText("#sc-state", captureText(s.serverCaptureRestarts));
    } catch (e) {
      setText("#speech", e.message);
    }
  }

  // ---- Server capture ----------------------------------------------------------------------------

  let serverCapture = { running: false, pid: null };
  function captureText(restarts) {
    const state = serverCapture.running ? `Đang thu trên máy chủ (tiến trình ffmpeg số ${serverCapture.pid ?? "?"})` : "Máy chủ không thu";
    return `${state} · đã tự khởi động lại ${restarts ?? 0} lần`;
  }

  async function pollServerCapture() {
    try {
      serverCapture = await MA.api(`/api/meetings/${meetingId}/live/capture`);
      $("#sc-start").disabled = serverCapture.running;
      $("#sc-stop").disabled = !serverCapture.running;
    } catch {
      /* shown again on the next poll */
    }
  }

  async function loadDevices() {
    const select = $("#sc-device");
    try {
      const devices = await MA.api(`/api/meetings/${meetingId}/live/capture/devices`);
      select.replaceChildren(...devices.map((d) => {
        const option = document.createElement("option");
        option.value = d.id;
        option.textContent = d.label;
        return option;
      }));
    } catch (e) {
      MA.alert(alertBox, e.message);
    }
  }

  $("#sc-start").addEventListener("click", async () => {
    const device = $("#sc-device").value || null;
    try {
      serverCapture = await MA.api(`/api/meetings/${meetingId}/live/capture/start`, { method: "POST", body: { device } });
      MA.alert(alertBox, "Máy chủ đã bắt đầu thu.", "ok");
    } catch (e) {
      MA.alert(alertBox, e.message);
    }
    await pollServerCapture();
    await pollStatus();
  });
  $("#sc-stop").addEventListener("click", async () => {
    try {
      await MA.api(`/api/meetings/${meetingId}/live/capture/stop`, { method: "POST" });
      MA.alert(alertBox, "Máy chủ đã dừng thu.", "ok");
    } catch (e) {
      MA.alert(alertBox, e.message);
    }
    await pollServerCapture();
    await pollStatus();
  });

  await loadDevices();
  await pollServerCapture();
  if (serverCapture.device) $("#sc-device").value = serverCapture.device;
  await pollStatus();
  setInterval(async () => {
    await pollServerCapture();
    await pollStatus();
  }, 2000);
})();
