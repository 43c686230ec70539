// Enhancements only: every page works without this script.
(function () {
  "use strict";

  // A form with unsaved changes asks before the page is left.
  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var changed = false;
    form.addEventListener("input", function () { changed = true; });
    form.addEventListener("change", function () { changed = true; });
    form.addEventListener("submit", function () { changed = false; });
    window.addEventListener("beforeunload", function (event) {
      if (changed) {
        event.preventDefault();
        event.returnValue = form.getAttribute("data-warn-unsaved");
      }
    });
  });

  // A destructive button asks first.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // Uploads: a wrong type or size is refused before sending, and the progress is shown. A form
  // may name its types (`data-accept`); images otherwise. A form whose answer is a page to read
  // (`data-upload-page`: an import's report) shows that page when the upload is done.
  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    var accepted = (form.getAttribute("data-accept") || "image/png,image/jpeg,image/webp").split(",");
    var showsPage = form.hasAttribute("data-upload-page");
    var input = form.querySelector("input[type=file]");
    var progress = form.querySelector("progress");
    var button = form.querySelector("button[type=submit]");
    if (!input) { return; }
    var message = document.createElement("p");
    message.className = "error";
    message.id = input.id + "-error";
    message.setAttribute("role", "alert");
    message.hidden = true;
    input.parentNode.appendChild(message);
    function refuse(text) {
      message.textContent = text;
      message.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", input.getAttribute("aria-describedby") + " " + message.id);
    }
    function check() {
      message.hidden = true;
      input.removeAttribute("aria-invalid");
      var file = input.files && input.files[0];
      if (!file) { return true; }
      if (file.type && accepted.indexOf(file.type) < 0) { refuse(input.getAttribute("data-wrong-type")); return false; }
      if (file.size > Number(input.getAttribute("data-max-bytes"))) { refuse(input.getAttribute("data-too-large")); return false; }
      return true;
    }
    input.addEventListener("change", check);
    form.addEventListener("submit", function (event) {
      if (!check()) { event.preventDefault(); return; }
      if (!window.XMLHttpRequest || !window.FormData || !progress || !(input.files && input.files[0])) { return; }
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      progress.hidden = false;
      button.disabled = true;
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { progress.value = Math.round(e.loaded * 100 / e.total); }
      });
      request.addEventListener("load", function () {
        if (showsPage && request.responseText) {
          document.open();
          document.write(request.responseText);
          document.close();
        } else if (request.status < 400 && request.responseURL) {
          // The page the server sent the form on to; its fragment (the upload's section) is
          // not part of the response's address.
          var section = form.closest("section[id]");
          window.location.assign(request.responseURL + (section ? "#" + section.id : ""));
        } else {
          // The server's page says why: send the form the ordinary way to show it.
          progress.hidden = true;
          form.submit();
        }
      });
      request.addEventListener("error", function () {
        progress.hidden = true;
        button.disabled = false;
        form.submit();
      });
      request.send(new FormData(form));
    });
  });
})();

// The brand colour's contrast against white text, as it is chosen (WCAG 2.1: at least 4.5:1).
(function () {
  "use strict";
  var input = document.querySelector("input[type=color][name=brand_color]");
  var note = document.getElementById("brand_color-contrast");
  if (!input || !note) { return; }
  function channel(hex, at) {
    var value = parseInt(hex.substr(at, 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
  }
  input.addEventListener("input", function () {
    var hex = input.value.replace("#", "");
    if (hex.length !== 6) { return; }
    var luminance = 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 2) + 0.0722 * channel(hex, 4);
    var ratio = 1.05 / (luminance + 0.05);
    var passes = ratio >= 4.5;
    note.textContent = note.getAttribute("data-template").replace("{ratio}", ratio.toFixed(1)) + " " +
      note.getAttribute(passes ? "data-pass" : "data-fail");
    note.className = "hint contrast " + (passes ? "passes" : "fails");
  });
})();

// Passkeys (WebAuthn). A form marked `data-passkey="create"` or `"get"` carries the server's
// options (`data-passkey-options`, `{publicKey: …}` with binary fields in base64url); on submit
// the browser asks the person's device, and the answer goes in the form's hidden `credential`
// (or `passkey`) field, sent the ordinary way. Elements marked `data-passkey-offer` are hidden
// until this browser is known to do passkeys.
(function () {
  "use strict";
  var supported = !!(window.PublicKeyCredential && navigator.credentials);
  document.querySelectorAll("[data-passkey-offer]").forEach(function (offer) { offer.hidden = !supported; });
  document.querySelectorAll("[data-passkey-unsupported]").forEach(function (note) { note.hidden = supported; });

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes.buffer;
  }
  function toText(buffer) {
    if (!buffer) { return null; }
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function withIds(list) {
    return (list || []).map(function (item) {
      var copy = Object.assign({}, item);
      copy.id = toBytes(item.id);
      return copy;
    });
  }
  function creationOptions(options) {
    var key = Object.assign({}, options.publicKey);
    key.challenge = toBytes(key.challenge);
    key.user = Object.assign({}, key.user, { id: toBytes(key.user.id) });
    key.excludeCredentials = withIds(key.excludeCredentials);
    return { publicKey: key };
  }
  function requestOptions(options) {
    var key = Object.assign({}, options.publicKey);
    key.challenge = toBytes(key.challenge);
    key.allowCredentials = withIds(key.allowCredentials);
    return { publicKey: key };
  }
  function answer(credential) {
    var response = credential.response;
    var sent = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      extensions: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      response: { clientDataJSON: toText(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      sent.response.attestationObject = toText(response.attestationObject);
      if (response.getTransports) { sent.response.transports = response.getTransports(); }
    } else {
      sent.response.authenticatorData = toText(response.authenticatorData);
      sent.response.signature = toText(response.signature);
      sent.response.userHandle = toText(response.userHandle);
    }
    return JSON.stringify(sent);
  }

  document.querySelectorAll("form[data-passkey]").forEach(function (form) {
    var creating = form.getAttribute("data-passkey") === "create";
    var field = form.querySelector("input[data-passkey-answer]");
    var message = form.querySelector("[data-passkey-message]");
    var button = form.querySelector("button[type=submit]");
    if (!supported) { if (button) { button.disabled = true; } return; }
    form.addEventListener("submit", function (event) {
      if (field.value) { return; }
      event.preventDefault();
      if (message) { message.hidden = true; }
      var options = JSON.parse(form.getAttribute("data-passkey-options"));
      var asked = creating
        ? navigator.credentials.create(creationOptions(options))
        : navigator.credentials.get(requestOptions(options));
      button.disabled = true;
      asked.then(function (credential) {
        field.value = answer(credential);
        form.submit();
      }, function () {
        button.disabled = false;
        if (message) { message.hidden = false; }
      });
    });
  });
})();
