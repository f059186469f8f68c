// @ts-check
// sphinx-osblog: event lists stay true after the build, and event times are also
// shown in the reader's own time zone. Loaded as a file (no inline script), deferred.
(function () {
  "use strict";

  // Labels arrive translated as data- attributes of this script's own tag.
  const script = document.currentScript;
  const yourTime = (script && script.getAttribute("data-osblog-your-time")) || "your time";

  /**
   * Minutes east of UTC in an ISO 8601 date-time such as "2019-05-20T09:00:00+02:00".
   * @param {string} text
   * @returns {number | null}
   */
  function offsetOf(text) {
    const match = /([+-])(\d{2}):(\d{2})$/.exec(text);
    if (!match) {
      return /Z$/.test(text) ? 0 : null;
    }
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === "-" ? -minutes : minutes;
  }

  /** Add the reader's local time after event times given in another zone. */
  function showLocalTimes() {
    const formatter = new Intl.DateTimeFormat(undefined, {
      dateStyle: "medium",
      timeStyle: "short",
    });
    document.querySelectorAll("time[data-osblog-local]").forEach(function (element) {
      if (element.nextElementSibling &&
          element.nextElementSibling.classList.contains("osblog-local-time")) {
        return;
      }
      const instant = new Date(element.getAttribute("data-osblog-local") || "");
      if (isNaN(instant.getTime())) {
        return;
      }
      const eventOffset = offsetOf(element.getAttribute("datetime") || "");
      const readerOffset = -instant.getTimezoneOffset();
      if (eventOffset !== null && eventOffset === readerOffset) {
        return;
      }
      const local = document.createElement("span");
      local.className = "osblog-local-time";
      local.textContent = " (" + formatter.format(instant) + " " + yourTime + ")";
      element.insertAdjacentElement("afterend", local);
    });
  }

  /** Re-judge upcoming/past lists against the reader's present, keeping each list's limit. */
  function rejudgeLists() {
    const now = Date.now();
    document.querySelectorAll(".osblog-event-list[data-osblog-when]").forEach(function (list) {
      const when = list.getAttribute("data-osblog-when");
      if (when !== "upcoming" && when !== "past" && when !== "cfp-open") {
        return;
      }
      const limit = Number(list.getAttribute("data-osblog-limit") || "0");
      let shown = 0;
      list.querySelectorAll("li[data-osblog-ends]").forEach(function (entry) {
        const ends = Date.parse(entry.getAttribute("data-osblog-ends") || "");
        const upcoming = ends > now;
        // For calls for papers, data-osblog-ends is when the call closes.
        let show = when === "past" ? !upcoming : upcoming;
        if (show && limit > 0 && shown >= limit) {
          show = false;
        }
        if (show) {
          shown += 1;
        }
        /** @type {HTMLElement} */ (entry).hidden = !show;
      });
      const empty = list.querySelector(".osblog-event-list-empty");
      if (empty) {
        /** @type {HTMLElement} */ (empty).hidden = shown > 0;
      }
    });
  }

  function run() {
    rejudgeLists();
    showLocalTimes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
