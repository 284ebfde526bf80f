// Draws each chart of the dashboard from its JSON endpoint; a click on a bar opens the records behind it.
(function () {
  "use strict";
  function option(data) {
    var stacked = !!data.stacked;
    return {
      title: { text: data.title, left: "center", textStyle: { fontSize: 15 } },
      tooltip: { trigger: stacked ? "axis" : "item" },
      legend: stacked && data.series.length > 1 ? { bottom: 0, type: "scroll" } : undefined,
      grid: { left: 50, right: 20, top: 50, bottom: stacked ? 60 : 70, containLabel: true },
      xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", name: data.unit || "" },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: stacked ? "total" : undefined, data: s.values, cursor: "pointer" };
      }),
    };
  }
  function draw(el) {
    fetch(el.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var empty = !data.series || !data.categories || !data.series.some(function (s) {
          return s.values.some(function (v) { return v !== 0; });
        });
        if (empty) {
          el.innerHTML = '<p class="muted">' + (data.title || "") + "：暂无数据</p>";
          el.style.height = "auto";
          return;
        }
        var chart = echarts.init(el, null, { renderer: "canvas" });
        chart.setOption(option(data));
        chart.on("click", function (p) {
          var links = data.series[p.seriesIndex] && data.series[p.seriesIndex].links;
          if (links && links[p.dataIndex]) window.location.href = links[p.dataIndex];
        });
        window.addEventListener("resize", function () { chart.resize(); });
        el.dataset.drawn = "1";
      });
  }
  document.querySelectorAll("[data-chart]").forEach(draw);
})();
