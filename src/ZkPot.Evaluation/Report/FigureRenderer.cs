using ScottPlot;

namespace ZkPot.Evaluation.Report;

/// <summary>Draws a <see cref="Figure"/> with ScottPlot and saves it as PNG and SVG.</summary>
public static class FigureRenderer
{
    public const int Width = 900, Height = 520;

    public static void Save(Figure figure, string directory)
    {
        var plot = new Plot();
        plot.Title(figure.Title);
        plot.XLabel(figure.XLabel);
        plot.YLabel(figure.YLabel);
        var palette = new ScottPlot.Palettes.Category10();
        int count = figure.Series.Count;
        for (int s = 0; s < count; s++)
        {
            var series = figure.Series[s];
            var color = palette.GetColor(s);
            if (figure.Bars)
            {
                // Side by side within each category: series s is shifted by its slot in a group 0.8 wide.
                double width = 0.8 / count;
                var bars = series.X.Select((x, i) => new Bar
                {
                    Position = x - 0.4 + width * (s + 0.5), Value = series.Y[i], Size = width * 0.95, FillColor = color,
                }).ToList();
                plot.Add.Bars(bars).LegendText = series.Name;
            }
            else
            {
                var line = plot.Add.Scatter(series.X, series.Y, color);
                line.LegendText = series.Name;
                line.MarkerSize = 6;
                line.LineWidth = 2;
            }
        }
        if (figure.Categories is { } names)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (int i = 0; i < names.Count; i++) ticks.AddMajor(i, names[i]);
            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }
        if (figure.Bars) plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(Path.Combine(directory, figure.Id + ".png"), Width, Height);
        plot.SaveSvg(Path.Combine(directory, figure.Id + ".svg"), Width, Height);
    }
}
