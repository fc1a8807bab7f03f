"""Drawn diagrams made portable: SVG that shows the same wherever its HTML goes.

A pre-rendered diagram is copied as it is into whatever reads the built pages, and some readers
are not browsers. WeasyPrint, which mkdocs-to-pdf drives, draws no ``<foreignObject>``, where
Mermaid puts HTML labels; and mkdocs-to-pdf, combining pages into one document, renames every
``id`` but neither the ``#id`` selectors of the SVG's ``<style>`` nor its ``url(#id)`` markers.
So diagrams are drawn with SVG text labels (`CONFIG`), and once drawn, still in Chromium
(`SCRIPT`), they are made to depend on no id: styles are scoped by a class, each arrowhead is
drawn in place of the marker it came from, and ids nothing refers to are removed, which also
keeps two copies of one diagram on a page from sharing ids.
"""

from __future__ import annotations

from typing import Any

CONFIG: dict[str, Any] = {
    # The root-level setting, which Mermaid 11 puts before every diagram's own.
    "htmlLabels": False,
    # User journeys place their texts by their own setting; "tspan" is SVG text.
    "journey": {"textPlacement": "tspan"},
}
"""Mermaid settings for diagrams that show without HTML."""

VERSION = "portable-1"
"""How `CONFIG` and `SCRIPT` draw a diagram, for the cache key: a change to either must change
this, so that diagrams drawn the old way are drawn again."""

SCRIPT = r"""
(svg, scope) => {
  // Markers first, while the drawing is as Mermaid made it: each copy takes its look from the
  // styles that apply to the marker it comes from.
  const xmlns = "http://www.w3.org/2000/svg";
  const painted = [
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "opacity",
  ];
  const round = (number) => Math.round(number * 1e4) / 1e4;
  const markerOf = (value) => {
    const found = /url\(\s*["']?#([^"')]+)["']?\s*\)/.exec(value || "");
    return found ? svg.querySelector(`marker[id="${CSS.escape(found[1])}"]`) : null;
  };

  // Where the marker's content lands in the user space of the shape: SVG 2, "Painting markers".
  const placement = (shape, marker, position) => {
    const length = shape.getTotalLength();
    const step = Math.min(0.1, length / 2);
    const at = (distance) => shape.getPointAtLength(Math.min(Math.max(distance, 0), length));
    const [vertex, other] =
      position === "start" ? [at(0), at(step)] : [at(length), at(length - step)];
    let angle = 0;
    const orient = (marker.getAttribute("orient") || "0").trim();
    if (orient === "auto" || orient === "auto-start-reverse") {
      const [from, to] = position === "start" ? [vertex, other] : [other, vertex];
      angle = (Math.atan2(to.y - from.y, to.x - from.x) * 180) / Math.PI;
      if (orient === "auto-start-reverse" && position === "start") angle += 180;
    } else {
      angle = marker.orientAngle.baseVal.value;
    }
    const width = marker.markerWidth.baseVal.value;
    const height = marker.markerHeight.baseVal.value;
    let [scaleX, scaleY, shiftX, shiftY] = [1, 1, 0, 0];
    const box = marker.hasAttribute("viewBox") ? marker.viewBox.baseVal : null;
    if (box && box.width > 0 && box.height > 0) {
      [scaleX, scaleY] = [width / box.width, height / box.height];
      const ratio = marker.preserveAspectRatio.baseVal;
      const align = ratio.align;  // 1 none; 2..10 xMinYMin .. xMaxYMax
      if (align !== 1) {
        const scale = ratio.meetOrSlice === 2 ? Math.max(scaleX, scaleY) : Math.min(scaleX, scaleY);
        [scaleX, scaleY] = [scale, scale];
      }
      const spareX = width - box.width * scaleX;
      const spareY = height - box.height * scaleY;
      const alignX = align === 1 ? 0 : [0, 0.5, 1][(align - 2) % 3];
      const alignY = align === 1 ? 0 : [0, 0.5, 1][Math.floor((align - 2) / 3)];
      [shiftX, shiftY] = [spareX * alignX - box.x * scaleX, spareY * alignY - box.y * scaleY];
    }
    const refX = shiftX + marker.refX.baseVal.value * scaleX;
    const refY = shiftY + marker.refY.baseVal.value * scaleY;
    // markerUnits: 1 userSpaceOnUse, else strokeWidth.
    const stroke = parseFloat(getComputedStyle(shape).strokeWidth);
    const units = marker.markerUnits.baseVal === 1 ? 1 : stroke || 1;
    const matrix = new DOMMatrix()
      .translate(vertex.x, vertex.y)
      .rotate(angle)
      .scale(units)
      .translate(-refX, -refY)
      .translate(shiftX, shiftY)
      .scale(scaleX, scaleY);
    const own = shape.getAttribute("transform");
    const numbers = [matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f].map(round);
    return `${own ? own + " " : ""}matrix(${numbers.join(",")})`;
  };

  // A copy of the marker's content that looks as it did inside the marker, wherever it is put.
  const drawn = (marker) => {
    const group = document.createElementNS(xmlns, "g");
    if (marker.hasAttribute("class")) group.setAttribute("class", marker.getAttribute("class"));
    for (const child of marker.children) {
      const copy = child.cloneNode(true);
      const originals = [child, ...child.querySelectorAll("*")];
      const copies = [copy, ...copy.querySelectorAll("*")];
      originals.forEach((original, i) => {
        const computed = getComputedStyle(original);
        for (const property of painted) {
          copies[i].style.setProperty(property, computed.getPropertyValue(property));
        }
        copies[i].removeAttribute("id");
      });
      group.appendChild(copy);
    }
    return group;
  };

  for (const shape of svg.querySelectorAll("path, line, polyline, polygon")) {
    if (shape.closest("marker")) continue;
    const computed = getComputedStyle(shape);
    let after = shape;
    for (const position of ["start", "end"]) {
      const property = `marker-${position}`;
      const value = computed.getPropertyValue(property);
      if (!value || value === "none") continue;
      const marker = markerOf(value);
      if (marker) {
        const group = drawn(marker);
        group.setAttribute("transform", placement(shape, marker, position));
        after.after(group);
        after = group;
      }
      shape.removeAttribute(property);
      // A marker a stylesheet gives, not the attribute, is taken away the same way.
      if (getComputedStyle(shape).getPropertyValue(property) !== "none") {
        shape.style.setProperty(property, "none");
      }
    }
  }

  // Ids that something in the drawing still names: a url(#…), an #… link, an ARIA reference.
  const named = new Set();
  const root = svg.getAttribute("id");
  for (const element of [svg, ...svg.querySelectorAll("*")]) {
    for (const attribute of element.attributes) {
      const value = attribute.value;
      for (const found of value.matchAll(/url\(\s*["']?#([^"')]+)/g)) named.add(found[1]);
      if (/(^|:)href$/.test(attribute.name) && value.startsWith("#")) named.add(value.slice(1));
      if (/^aria-(labelledby|describedby|owns|controls)$/.test(attribute.name)) {
        for (const token of value.split(/\s+/)) named.add(token);
      }
    }
  }
  for (const style of svg.querySelectorAll("style")) {
    if (root) {
      const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const selector = new RegExp(`#${escaped}(?![\\w-])`, "g");
      style.textContent = style.textContent.replace(selector, `.${scope}`);
    }
    for (const found of style.textContent.matchAll(/url\(\s*["']?#([^"')]+)/g)) named.add(found[1]);
  }
  svg.classList.add(scope);
  for (const marker of svg.querySelectorAll("marker")) {
    if (!named.has(marker.getAttribute("id"))) marker.remove();
  }
  for (const element of [svg, ...svg.querySelectorAll("[id]")]) {
    if (!named.has(element.getAttribute("id"))) element.removeAttribute("id");
  }
  return svg.outerHTML;
}
"""
"""Makes one drawn ``<svg>``, in the document, portable; returns its HTML. ``scope`` is the
class its styles are scoped by, unique to the diagram and theme."""
