// Small fetch helper shared by the secretary and speech settings pages.
"use strict";

const SpeechApi = (() => {
  let token = null;

  // Reads the session once: who is logged in and the antiforgery token every POST/PUT needs.
  async function session(allowedRoles) {
    const res = await fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" });
    const data = res.ok ? await res.json() : {};
    token = data.antiforgeryToken || null;
    if (!data.role || !allowedRoles.includes(data.role)) {
      location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
      return null;
    }
    return data;
  }

  async function problemText(res) {
    try {
      const body = await res.json();
      if (body && body.detail) return body.detail;
    } catch { /* not JSON: fall through to a generic message */ }
    return res.status === 413 ? "Tệp quá lớn." : "Máy chủ không xử lý được yêu cầu (mã " + res.status + ").";
  }

  async function call(method, url, body) {
    const headers = { "Accept": "application/json" };
    if (token) headers["X-CSRF-TOKEN"] = token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let res;
    try {
      res = await fetch(url, { method, headers, credentials: "same-origin", cache: "no-store", body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new Error("Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.");
    }
    if (res.status === 401) {
      location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
      throw new Error("Hãy đăng nhập để tiếp tục.");
    }
    if (!res.ok) throw new Error(await problemText(res));
    return res.status === 204 ? null : res.json();
  }

  // XMLHttpRequest rather than fetch because only it reports upload progress.
  function upload(url, file, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      if (token) xhr.setRequestHeader("X-CSRF-TOKEN", token);
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
      xhr.onerror = () => reject(new Error("Mất kết nối khi tải tệp lên. Hãy thử lại."));
      xhr.onload = () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch { /* empty body */ }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body);
        else reject(new Error((body && body.detail) || (xhr.status === 413 ? "Tệp quá lớn." : "Tải lên không thành công (mã " + xhr.status + ").")));
      };
      xhr.send(file);
    });
  }

  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  return {
    session,
    get: url => call("GET", url),
    post: (url, body) => call("POST", url, body),
    put: (url, body) => call("PUT", url, body),
    upload,
    el,
  };
})();
