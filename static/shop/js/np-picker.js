// Nova Poshta picker, quicker with JavaScript: city suggestions while typing, and the
// branch list filtered while typing, from /checkout/np/cities/ and /checkout/np/warehouses/.
// Without this file the page's own GET forms do the same in a round trip each.
(function () {
  "use strict";
  var root = document.querySelector("[data-np-picker]");
  if (!root || !window.fetch) return;
  var cityInput = root.querySelector("[data-np-city]");
  var cityResults = root.querySelector("[data-np-city-results]");
  var select = root.querySelector("[data-np-warehouses]");
  var wq = root.querySelector("[data-np-warehouse-query]");
  var cityField = root.querySelector("input[name=city][type=hidden]");

  function debounce(fn, ms) {
    var timer;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function get(url, params) {
    var query = new URLSearchParams(params).toString();
    return fetch(url + "?" + query, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }

  if (cityInput && cityResults) {
    cityInput.addEventListener("input", debounce(function () {
      var q = cityInput.value.trim();
      if (q.length < 2) return;
      get(root.dataset.citiesUrl, { q: q }).then(function (data) {
        if (!data) return;
        var list = document.createElement("ul");
        list.className = "np-results";
        list.setAttribute("data-testid", "np-cities");
        data.cities.forEach(function (c) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = "?city=" + encodeURIComponent(c.ref);
          a.textContent = c.label;
          li.appendChild(a);
          list.appendChild(li);
        });
        cityResults.replaceChildren(list.children.length ? list : document.createTextNode(root.dataset.noneLabel));
      });
    }, 250));
  }

  if (select && wq && cityField) {
    wq.addEventListener("input", debounce(function () {
      get(root.dataset.warehousesUrl, { city: cityField.value, kind: root.dataset.kind, q: wq.value.trim() })
        .then(function (data) {
          if (!data) return;
          var keep = select.value;
          var options = [new Option(root.dataset.emptyLabel, "")];
          data.warehouses.forEach(function (w) {
            options.push(new Option("№ " + w.number + ": " + w.address, w.ref, false, w.ref === keep));
          });
          select.replaceChildren.apply(select, options);
        });
    }, 250));
  }
  // Listening from now on (what was typed before this ran is looked up by the page's form).
  root.dataset.npReady = "true";
})();
