// Draws the charts whose data a page put in a JSON script element. Every chart
// has a table with the same figures beside it, so the chart is never the only way in.
const radar = document.getElementById("results-radar");
const data = document.getElementById("results-radar-data");
if (radar && data && window.Chart) {
  const chart = JSON.parse(data.textContent);
  // Colours with enough contrast on white, told apart by line style as well.
  const colours = ["#0b4144", "#d4351c", "#54319f", "#00703c", "#b58840"];
  const dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1]];
  new window.Chart(radar, {
    type: "radar",
    data: {
      labels: chart.labels,
      datasets: chart.datasets.map((set, n) => ({
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
      scales: { r: { min: 0, max: chart.max, ticks: { stepSize: 1 } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
}
