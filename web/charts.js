// The dashboard charts. Every chart is a progressive enhancement of a table the page already shows: the server
// writes the figures into `data-chart` (HTML-escaped JSON) on a <div role="img" aria-label="…">, and this script,
// when JavaScript runs, draws them with Apache ECharts. Nothing here fetches anything or runs inline, so the
// Content-Security-Policy (script-src 'self') holds; styles are set through the CSSOM, which the policy allows.
//
// data-chart = {
//   "kind": "line" | "bar",
//   "categories": ["2026-01", …],                 // x axis (line) or the units (bar, drawn horizontally)
//   "series": [{"name": "发布信息", "values": [3, 0, …]}, …],
//   "max": 100                                    // optional fixed value-axis maximum
// }
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

// The site's own colours (static/css/site.css), each with at least 3:1 contrast on white.
const PALETTE = ['#1d4f91', '#b34a00', '#2e7d32', '#6a1b9a', '#00695c'];
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

function option(spec) {
  const horizontal = spec.kind === 'bar';
  const valueAxis = { type: 'value', minInterval: 1, max: spec.max ?? null, axisLabel: { color: '#333' } };
  const categoryAxis = {
    type: 'category',
    data: spec.categories,
    inverse: horizontal, // the first unit on top, as in the table
    axisLabel: { color: '#333', interval: horizontal ? 0 : 'auto', width: 140, overflow: 'truncate' },
  };
  return {
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    animation: false,
    tooltip: { trigger: 'axis', confine: true },
    legend: { top: 0, textStyle: { color: '#222' } },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s) => ({
      name: s.name,
      type: spec.kind,
      data: s.values,
      symbolSize: 6,
      barMaxWidth: 18,
      emphasis: { focus: 'series' },
    })),
  };
}

function draw(el) {
  let spec;
  try {
    spec = JSON.parse(el.dataset.chart);
  } catch {
    return; // the table beside it still has the numbers
  }
  if (!spec || !Array.isArray(spec.categories) || spec.categories.length === 0) return;
  if (spec.kind === 'bar') el.style.height = `${Math.max(200, spec.categories.length * 34 + 60)}px`;
  el.classList.add('chart-drawn');
  const chart = echarts.init(el, null, { renderer: 'canvas', locale: 'ZH' });
  chart.setOption(option(spec));
  new ResizeObserver(() => chart.resize()).observe(el);
}

document.querySelectorAll('[data-chart]').forEach(draw);
