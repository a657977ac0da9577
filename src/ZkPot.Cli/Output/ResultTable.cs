using Spectre.Console;

namespace ZkPot.Cli.Output;

/// <summary>
/// Rows under named columns. On a terminal wide enough for the whole table it is drawn boxed; otherwise (output that is
/// not a terminal, or a terminal narrower than the table) each row is one plain line of "column: value" pairs, so
/// nothing is wrapped inside a cell and the lines stay easy to grep.
/// </summary>
public sealed class ResultTable(params string[] columns)
{
    readonly List<string[]> _rows = [];

    public void AddRow(params string[] cells)
    {
        if (cells.Length != columns.Length) throw new ArgumentException($"a row of {cells.Length} cells for {columns.Length} columns", nameof(cells));
        _rows.Add(cells);
    }

    /// <summary>Characters the boxed table needs: each column its widest cell and a space either side, a border between and around.</summary>
    public int Width => columns.Select((c, i) => _rows.Select(r => r[i].Length).Prepend(c.Length).Max() + 3).Sum() + 1;

    public void Write(TextWriter output, Terminal terminal)
    {
        if (terminal.Interactive && Width <= terminal.Width) WriteBoxed(output, terminal.Width);
        else WritePlain(output);
    }

    void WritePlain(TextWriter output)
    {
        foreach (var row in _rows)
            output.WriteLine(string.Join("; ", columns.Select((c, i) => $"{c}: {row[i]}")));
    }

    void WriteBoxed(TextWriter output, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.Standard, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        var table = new Table().AddColumns(columns.Select(Markup.Escape).ToArray());
        foreach (var row in _rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        console.Write(table);
    }
}
