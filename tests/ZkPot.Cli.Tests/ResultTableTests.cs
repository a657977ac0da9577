using ZkPot.Cli.Output;

namespace ZkPot.Cli.Tests;

public class ResultTableTests
{
    static ResultTable Sample()
    {
        var table = new ResultTable("round", "leader", "rejected (reason)");
        table.AddRow("1", "owner0/p0", "-");
        table.AddRow("2", "owner1/p1", "owner1/p3 (InvalidProof, forged-proof)");
        return table;
    }

    static string Write(ResultTable table, Terminal terminal)
    {
        var output = new StringWriter();
        table.Write(output, terminal);
        return output.ToString();
    }

    static readonly string[] PlainLines =
    [
        "round: 1; leader: owner0/p0; rejected (reason): -",
        "round: 2; leader: owner1/p1; rejected (reason): owner1/p3 (InvalidProof, forged-proof)",
    ];

    [Fact]
    public void Output_that_is_not_a_terminal_gets_a_plain_line_per_row() =>
        Assert.Equal(PlainLines, Write(Sample(), Terminal.NotATerminal).TrimEnd().Split(Environment.NewLine));

    [Fact]
    public void A_terminal_narrower_than_the_table_gets_plain_lines_too()
    {
        var table = Sample();
        Assert.Equal(PlainLines, Write(table, new Terminal(true, table.Width - 1)).TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void A_terminal_as_wide_as_the_table_gets_it_boxed_without_wrapping_a_cell()
    {
        var table = Sample();
        var lines = Write(table, new Terminal(true, table.Width)).TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        // Top border, header, rule, two rows, bottom border: a row per line, every line exactly the table's width.
        Assert.Equal(6, lines.Length);
        Assert.All(lines, l => Assert.Equal(table.Width, l.Length));
        Assert.Matches(@"^\W+round\W+leader\W+rejected \(reason\)\W+$", lines[1]);
        Assert.Contains("owner1/p3 (InvalidProof, forged-proof)", lines[4]);
    }
}
