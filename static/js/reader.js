// What JavaScript adds to pages that work without it: "Older stories" keeps the reader's
// place (focus, and how far they loaded and read, in the address), and the keyboard
// shortcuts readers of Miniflux and NewsBlur expect. No framework; htmx does the requests.
(() => {
  "use strict";

  const STORIES = ".story-list > .story";
  const MAX_SHOWN = 200; // what the server will list at once (forms.MAX_SHOWN)

  const stories = () => Array.from(document.querySelectorAll(STORIES));
  const titleLink = (story) => story.querySelector(".story-title a");

  // -- the reader's place ---------------------------------------------------------------

  // The address says how many stories are loaded and which one is at the top of the
  // window, so Back and a shared link show the list as far as it was read.
  function rememberPlace() {
    const list = stories();
    if (!list.length) return;
    const url = new URL(window.location.href);
    const loaded = Number(url.searchParams.get("shown")) || 0;
    if (list.length > 20 || loaded) {
      url.searchParams.set("shown", String(Math.min(list.length, MAX_SHOWN)));
    }
    // The first story of which at least half is below the top of the window.
    const top = list.find((story) => {
      const box = story.getBoundingClientRect();
      return box.bottom > box.height / 2;
    });
    url.hash = window.scrollY > 0 && top ? top.id : "";
    if (url.href !== window.location.href) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  let scrollTimer = null;
  window.addEventListener(
    "scroll",
    () => {
      window.clearTimeout(scrollTimer);
      scrollTimer = window.setTimeout(rememberPlace, 250);
    },
    { passive: true },
  );

  // After "Older stories", focus moves to the first story it added, so the next Tab goes
  // on from there instead of from the top of the page.
  let countBefore = null;
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.target && event.detail.target.id === "load-more") {
      countBefore = stories().length;
    }
  });
  document.addEventListener("htmx:load", () => {
    if (countBefore === null) return;
    const list = stories();
    if (list.length <= countBefore) return;
    const first = titleLink(list[countBefore]);
    countBefore = null;
    if (first) first.focus();
    rememberPlace();
  });

  // -- addresses ------------------------------------------------------------------------

  // Fields left empty are left out of htmx's requests, and so of the address it puts in
  // the history: "?q=gaza", not "?q=gaza&region=&from=&to=" (the server redirects the
  // form's own submission to the same clean address).
  document.addEventListener("htmx:configRequest", (event) => {
    if (event.detail.verb !== "get") return;
    const parameters = event.detail.parameters;
    for (const name of Object.keys(parameters)) {
      if (parameters[name] === "") delete parameters[name];
    }
  });

  // -- refusals in place, in development too ---------------------------------------------

  // Under DJANGO_DEBUG django-htmx's script replaces the whole page with any 400 answer, to
  // show Django's debug page. The site's own refusals (a "from" date after the "to" date)
  // are fragments for where the results were, as _base.html's htmx-config swaps them in
  // production: they stop here, on the body, before its listener on the document hears
  // of them. A whole document (Django's own debug page) still reaches it.
  document.body.addEventListener("htmx:beforeOnLoad", (event) => {
    const xhr = event.detail.xhr;
    if (xhr.status === 400 && !/<html[\s>]/i.test(xhr.responseText)) {
      event.stopPropagation();
    }
  });

  // -- keyboard shortcuts ---------------------------------------------------------------

  function currentIndex(list) {
    return list.findIndex((story) => story.contains(document.activeElement));
  }

  function move(step) {
    const list = stories();
    if (!list.length) return;
    const at = currentIndex(list);
    const next = at === -1 ? (step > 0 ? 0 : list.length - 1) : at + step;
    const story = list[Math.max(0, Math.min(list.length - 1, next))];
    const link = titleLink(story);
    if (link) {
      link.focus();
      story.scrollIntoView({ block: "nearest" });
    }
  }

  function openCurrent() {
    const list = stories();
    const at = currentIndex(list);
    const link = at === -1 ? null : titleLink(list[at]);
    if (link) link.click();
  }

  function focusSearch() {
    const box = document.querySelector("#id_q") || document.querySelector("#masthead-q");
    if (box) {
      box.focus();
      box.select();
    }
  }

  const help = document.getElementById("keyboard-help");
  function showHelp() {
    if (help && !help.open) help.showModal();
  }

  const SHORTCUTS = {
    j: () => move(1),
    k: () => move(-1),
    o: openCurrent,
    "/": focusSearch,
    "?": showHelp,
  };

  function typing(target) {
    return (
      target instanceof Element &&
      (target.isContentEditable || target.closest("input, textarea, select, [contenteditable]"))
    );
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || (help && help.open)) return;
    const action = SHORTCUTS[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  for (const button of document.querySelectorAll("[data-keyboard-help]")) {
    button.hidden = false;
    button.addEventListener("click", showHelp);
  }
})();
