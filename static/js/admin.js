// The admin's autocomplete fields (select2 4.0) name their combobox after the option
// chosen, and nothing at all when none is chosen: a screen reader says "combobox" and
// not which field (axe's aria-input-field-name). Each is named after its field's label
// too, as select2 builds it: on the page, and in each row an inline adds later.
(() => {
  "use strict";

  function nameAfterLabel(container) {
    const select = container.previousElementSibling;
    const combobox = container.querySelector('[role="combobox"]');
    const shown = container.querySelector('[role="textbox"]');
    const label = select && select.id && document.querySelector(`label[for="${select.id}"]`);
    if (!combobox || !shown || !label) return;
    label.id ||= `${select.id}-label`;
    // The field, then the option chosen: "Publisher: AFP".
    combobox.setAttribute("aria-labelledby", `${label.id} ${shown.id}`);
    shown.setAttribute("aria-labelledby", label.id);
  }

  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.matches("select + .select2")) nameAfterLabel(node);
        node.querySelectorAll("select + .select2").forEach(nameAfterLabel);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
