// Community charts: fetches the metrics JSON named by #community-charts[data-metrics-url] (the same
// JSON as `communityops metrics`) and draws each chart with ECharts. Every label comes from the page
// (data-labels, rendered from the resource files); numbers and dates use the page's language.
'use strict';

(function () {
    var root = document.getElementById('community-charts');
    if (!root || typeof echarts === 'undefined') {
        return;
    }
    var lang = document.documentElement.lang || 'en';
    var labels = JSON.parse(root.dataset.labels || '{}');
    var number = new Intl.NumberFormat(lang);
    var percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
    var shortDate = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    var charts = [];

    function label(key) { return labels[key] || key; }

    function day(iso) { return shortDate.format(new Date(iso + 'T00:00:00Z')); }

    function chart(id, option) {
        var el = document.getElementById(id);
        if (!el) {
            return;
        }
        var c = echarts.init(el, null, { renderer: 'canvas', locale: lang.indexOf('zh') === 0 ? 'ZH' : 'EN' });
        option.animation = false;
        option.tooltip = option.tooltip || { trigger: 'axis' };
        // Tooltips drawn on the canvas, not as HTML: member names in them are chat text.
        option.tooltip.renderMode = 'richText';
        c.setOption(option);
        charts.push(c);
        el.dataset.rendered = 'true';
    }

    function duration(seconds) {
        if (seconds === null || seconds === undefined) {
            return '–';
        }
        if (seconds < 60) {
            return number.format(seconds) + ' ' + label('unitSeconds');
        }
        if (seconds < 3600) {
            return number.format(Math.round(seconds / 60)) + ' ' + label('unitMinutes');
        }
        return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(seconds / 3600) + ' ' + label('unitHours');
    }

    function draw(m) {
        var days = m.days || [];
        var dates = days.map(function (d) { return day(d.date); });

        chart('chart-growth', {
            legend: { data: [label('joined'), label('left'), label('net'), label('members')] },
            grid: { left: 50, right: 60, top: 40, bottom: 30 },
            xAxis: { type: 'category', data: dates },
            yAxis: [{ type: 'value' }, { type: 'value', position: 'right' }],
            series: [
                { name: label('joined'), type: 'bar', stack: 'flow', data: days.map(function (d) { return d.joined; }) },
                { name: label('left'), type: 'bar', stack: 'flow', data: days.map(function (d) { return -d.left; }) },
                { name: label('net'), type: 'line', showSymbol: false, data: days.map(function (d) { return d.joined - d.left; }) },
                { name: label('members'), type: 'line', yAxisIndex: 1, showSymbol: false, data: days.map(function (d) { return d.members; }) }
            ]
        });

        chart('chart-activity', {
            legend: { data: [label('dau'), label('wau'), label('mau'), label('messages')] },
            grid: { left: 50, right: 60, top: 40, bottom: 30 },
            xAxis: { type: 'category', data: dates },
            yAxis: [{ type: 'value' }, { type: 'value', position: 'right' }],
            series: [
                { name: label('dau'), type: 'line', showSymbol: false, data: days.map(function (d) { return d.dau; }) },
                { name: label('wau'), type: 'line', showSymbol: false, data: days.map(function (d) { return d.wau; }) },
                { name: label('mau'), type: 'line', showSymbol: false, data: days.map(function (d) { return d.mau; }) },
                { name: label('messages'), type: 'bar', yAxisIndex: 1, data: days.map(function (d) { return d.messages; }) }
            ]
        });

        var heat = (m.heatmap && m.heatmap.messages) || [];
        var cells = [];
        var max = 0;
        heat.forEach(function (hours, weekday) {
            hours.forEach(function (n, hour) {
                cells.push([hour, weekday, n]);
                max = Math.max(max, n);
            });
        });
        chart('chart-heatmap', {
            tooltip: { position: 'top' },
            grid: { left: 60, right: 20, top: 10, bottom: 60 },
            xAxis: { type: 'category', data: Array.from({ length: 24 }, function (_, h) { return String(h); }), splitArea: { show: true } },
            yAxis: { type: 'category', data: label('weekdays').split(','), inverse: true, splitArea: { show: true } },
            visualMap: { min: 0, max: Math.max(1, max), calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
            series: [{ name: label('messages'), type: 'heatmap', data: cells }]
        });

        var weekly = (m.cohorts && m.cohorts.weekly) || [];
        var triangle = [];
        var width = 0;
        weekly.forEach(function (c, row) {
            (c.active || []).forEach(function (n, offset) {
                triangle.push([offset, row, c.size ? Math.round(n * 1000 / c.size) / 10 : 0]);
                width = Math.max(width, offset + 1);
            });
        });
        chart('chart-cohorts', {
            tooltip: { position: 'top', formatter: function (p) { return day(weekly[p.value[1]].week) + ' +' + p.value[0] + ': ' + percent.format(p.value[2] / 100); } },
            grid: { left: 90, right: 20, top: 10, bottom: 60 },
            xAxis: { type: 'category', name: label('weeksAfter'), nameLocation: 'middle', nameGap: 25, data: Array.from({ length: width }, function (_, i) { return String(i); }) },
            // A cohort is named by its Monday, written the way the page's language writes dates.
            yAxis: { type: 'category', inverse: true, data: weekly.map(function (c) { return day(c.week) + ' (' + number.format(c.size) + ')'; }) },
            visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
            series: [{ type: 'heatmap', data: triangle, label: { show: width <= 16, formatter: function (p) { return Math.round(p.value[2]); } } }]
        });

        var layers = m.layers || {};
        var layerKeys = ['new', 'active', 'casual', 'silent', 'churned'];
        chart('chart-layers', {
            tooltip: { trigger: 'item' },
            legend: { bottom: 0 },
            series: [{
                type: 'pie', radius: ['35%', '65%'],
                data: layerKeys.map(function (k) { return { name: label('layer_' + k), value: layers[k] || 0 }; })
            }]
        });

        var top = (m.interaction && m.interaction.top_contributors) || (m.core_contributors && m.core_contributors.members) || [];
        chart('chart-contributors', {
            grid: { left: 120, right: 30, top: 10, bottom: 20 },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', inverse: true, data: top.map(function (t) { return t.name; }) },
            series: [{ name: label('messages'), type: 'bar', data: top.map(function (t) { return t.messages; }) }]
        });

        var r = m.response || {};
        var fields = { 'response-median': duration(r.median_seconds), 'response-p90': duration(r.p90_seconds),
            'response-answered': number.format(r.answered || 0) + ' / ' + number.format(r.periods || 0) };
        Object.keys(fields).forEach(function (id) {
            var el = document.getElementById(id);
            if (el) {
                // textContent: values only, never markup.
                el.textContent = fields[id];
            }
        });
        root.dataset.rendered = 'true';
    }

    fetch(root.dataset.metricsUrl, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (response) {
            if (!response.ok) {
                throw new Error(String(response.status));
            }
            return response.json();
        })
        .then(draw)
        .catch(function () {
            var error = document.getElementById('charts-error');
            if (error) {
                error.classList.remove('d-none');
            }
            root.dataset.rendered = 'error';
        });

    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
