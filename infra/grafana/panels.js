'use strict';
// Walks a Grafana dashboard's panels, the panels nested in collapsed rows included.

/** Yields every panel of PANELS and of the rows among them, depth first. */
function* allPanels(panels) {
  for (const p of panels || []) {
    yield p;
    yield* allPanels(p.panels);
  }
}

module.exports = { allPanels };
