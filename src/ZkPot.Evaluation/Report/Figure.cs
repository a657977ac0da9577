namespace ZkPot.Evaluation.Report;

/// <summary>A named series of points (x may be category positions, with <see cref="Figure.Categories"/> naming them).</summary>
public sealed record Series(string Name, double[] X, double[] Y);

/// <summary>
/// One figure of the report, as data: its id (file stem), title, axis labels, line or bar series, and category names
/// for the x positions 0, 1, ... when the axis is categorical. The same record is drawn (<see cref="FigureRenderer"/>)
/// and written as the figure's JSON.
/// </summary>
public sealed record Figure(string Id, string Title, string XLabel, string YLabel, bool Bars, IReadOnlyList<Series> Series,
                            IReadOnlyList<string>? Categories = null, string Caption = "");
