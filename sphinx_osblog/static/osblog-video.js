// @ts-check
// sphinx-osblog: click-to-load video embeds and custom aspect ratios.
//
// The page makes no request to a video host until the reader activates a play
// button; the button then becomes an iframe on the privacy-enhanced host. Every
// setting comes from data-osblog-* attributes written by the build, so the page
// needs no inline script or style (a strict Content-Security-Policy holds).
"use strict";

(function () {
  const ALLOW =
    "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; " +
    "picture-in-picture; web-share";
  const ASPECT = /^\d{1,4} \/ \d{1,4}$/;
  const EMBED = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\//;

  /**
   * Replace a play button by the player it stands for.
   * @param {HTMLButtonElement} button
   */
  function activate(button) {
    const embed = button.getAttribute("data-osblog-embed") || "";
    if (!EMBED.test(embed)) {
      return;
    }
    const iframe = document.createElement("iframe");
    iframe.className = "osblog-video-iframe";
    iframe.setAttribute("src", embed);
    iframe.setAttribute("title", button.getAttribute("data-osblog-title") || "");
    iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    iframe.setAttribute("allow", button.getAttribute("data-osblog-allow") || ALLOW);
    iframe.setAttribute("allowfullscreen", "");
    const figure = button.closest(".osblog-video");
    if (figure) {
      figure.classList.add("osblog-video-loaded");
    }
    button.replaceWith(iframe);
    // Keep keyboard users where they were: on the player they asked for.
    iframe.focus();
  }

  /**
   * Wire the play buttons and apply uncommon aspect ratios inside *root*.
   * @param {ParentNode} root
   */
  function init(root) {
    root.querySelectorAll("[data-osblog-aspect]").forEach(function (element) {
      const ratio = element.getAttribute("data-osblog-aspect") || "";
      if (ASPECT.test(ratio) && element instanceof HTMLElement) {
        element.style.aspectRatio = ratio;
      }
    });
    root.querySelectorAll("button.osblog-video-play").forEach(function (element) {
      if (!(element instanceof HTMLButtonElement) || element.dataset.osblogReady) {
        return;
      }
      const button = element;
      button.dataset.osblogReady = "1";
      button.addEventListener("click", function () {
        activate(button);
      });
      // Rendered disabled so that, without this script, it offers nothing to
      // click; the "Watch on …" link below it stays available either way.
      button.disabled = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      init(document);
    });
  } else {
    init(document);
  }
})();
