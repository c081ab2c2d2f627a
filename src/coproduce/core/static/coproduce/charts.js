// Draws the charts whose data a page put in a JSON script element. Every chart
// has a table with the same figures beside it, so the chart is never the only way in.
// Colours with enough contrast on white, told apart by line style or pattern as well.
const colours = ["#0b4144", "#d4351c", "#54319f", "#00703c", "#b58840"];
const dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1]];

function dataFor(id) {
  const element = document.getElementById(`${id}-data`);
  return element ? JSON.parse(element.textContent) : null;
}

// A long label broken into lines of about `width` characters, so that on a phone the
// principles' names around a radar chart wrap instead of running off the canvas.
function wrap(label, width) {
  const lines = [];
  for (const word of String(label).split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + " " + word).length <= width) lines[last] += " " + word;
    else lines.push(word);
  }
  return lines;
}

const radar = document.getElementById("results-radar");
const radarData = dataFor("results-radar");
if (radar && radarData && window.Chart) {
  const narrow = radar.parentElement.clientWidth < 600;
  new window.Chart(radar, {
    type: "radar",
    data: {
      labels: radarData.labels.map((label) => wrap(label, narrow ? 12 : 24)),
      datasets: radarData.datasets.map((set, n) => ({
        label: set.label,
        data: set.data,
        borderColor: colours[n % colours.length],
        backgroundColor: "transparent",
        borderDash: dashes[n % dashes.length],
        pointRadius: 3,
      })),
    },
    options: {
      animation: false,
      aspectRatio: narrow ? 0.9 : 1.6,
      layout: { padding: narrow ? 4 : 12 },
      scales: {
        r: {
          min: 0,
          max: radarData.max,
          ticks: { stepSize: 1 },
          pointLabels: { font: { size: narrow ? 11 : 13 } },
        },
      },
      plugins: { legend: { position: "bottom" } },
    },
  });
}

// Evidence: each category's share in two periods, side by side; a page may have several.
for (const canvas of document.querySelectorAll("canvas.cp-bar-chart")) {
  const bars = dataFor(canvas.id);
  if (!bars || !window.Chart) continue;
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: bars.labels,
      datasets: bars.datasets.map((set, n) => ({
        label: set.label,
        data: set.data,
        backgroundColor: colours[n % colours.length],
        borderColor: "#0b0c0c",
        borderWidth: n,
      })),
    },
    options: {
      animation: false,
      indexAxis: "y",
      scales: { x: { min: 0, title: { display: true, text: bars.axis } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
}
