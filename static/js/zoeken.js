/* Sociale kaart — progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  // 1. Place autocomplete with a native <datalist> (keyboard and screen readers handle it).
  document.querySelectorAll("input[data-plaatsen]").forEach(function (invoer) {
    var lijst = document.createElement("datalist");
    lijst.id = invoer.id + "-suggesties";
    invoer.after(lijst);
    invoer.setAttribute("list", lijst.id);
    var wachten = null;
    invoer.addEventListener("input", function () {
      clearTimeout(wachten);
      var tekst = invoer.value.trim();
      if (tekst.length < 2) { return; }
      wachten = setTimeout(function () {
        fetch(invoer.dataset.plaatsen + "?q=" + encodeURIComponent(tekst), { headers: { Accept: "application/json" } })
          .then(function (antwoord) { return antwoord.ok ? antwoord.json() : { resultaten: [] }; })
          .then(function (data) {
            lijst.replaceChildren.apply(lijst, data.resultaten.map(function (r) {
              var optie = document.createElement("option");
              optie.value = r.waarde;
              optie.label = r.label;
              return optie;
            }));
          })
          .catch(function () { /* no suggestions: typing still works */ });
      }, 150);
    });
  });

  // 2. On a phone the filters start folded, so the results come first (without JS they stay open).
  if (window.matchMedia("(max-width: 56rem)").matches) {
    document.querySelectorAll("details[data-inklappen-op-gsm]").forEach(function (d) { d.open = false; });
  }

  // 3. Print button (a plain link to the print dialog makes no sense without JS, so it starts hidden).
  document.querySelectorAll("[data-afdrukken]").forEach(function (knop) {
    knop.hidden = false;
    knop.addEventListener("click", function () { window.print(); });
  });

  // 4. Map on request: Leaflet is loaded only when asked for, so the list page stays light.
  var sectie = document.querySelector(".kaart-sectie");
  var puntenData = document.getElementById("kaartpunten");
  var kaartElement = document.getElementById("kaart");
  if (!sectie || !puntenData || !kaartElement) { return; }
  var punten = JSON.parse(puntenData.textContent);
  if (!punten.length) { return; }
  sectie.hidden = false;
  var knop = document.createElement("button");
  knop.type = "button";
  knop.className = "knop secundair";
  knop.textContent = kaartElement.dataset.knoptekst || "Toon op de kaart";
  kaartElement.before(knop);
  kaartElement.hidden = true;

  function laad(url, soort) {
    return new Promise(function (klaar, fout) {
      var el = document.createElement(soort === "css" ? "link" : "script");
      if (soort === "css") { el.rel = "stylesheet"; el.href = url; } else { el.src = url; }
      el.onload = klaar;
      el.onerror = fout;
      document.head.appendChild(el);
    });
  }

  knop.addEventListener("click", function () {
    knop.disabled = true;
    Promise.all([laad(kaartElement.dataset.leafletCss, "css"), laad(kaartElement.dataset.leafletJs, "js")])
      .then(function () {
        kaartElement.hidden = false;
        knop.remove();
        var kaart = window.L.map(kaartElement, { scrollWheelZoom: false });
        window.L.tileLayer(kaartElement.dataset.tegels, {
          maxZoom: 18,
          attribution: kaartElement.dataset.attributie
        }).addTo(kaart);
        var groep = window.L.featureGroup(punten.map(function (p) {
          var link = document.createElement("a");
          link.href = p.url;
          link.textContent = p.naam;
          var inhoud = document.createElement("div");
          inhoud.append(link, document.createElement("br"), p.adres);
          return window.L.marker([p.lat, p.lon], { title: p.naam, alt: p.naam }).bindPopup(inhoud);
        })).addTo(kaart);
        kaart.fitBounds(groep.getBounds().pad(0.2), { maxZoom: 14 });
      })
      .catch(function () {
        knop.disabled = false;
        knop.textContent = "De kaart kan nu niet laden. De lijst hierboven bevat dezelfde plaatsen.";
      });
  });
})();
