using ZkPot.Cli.Output;
using ZkPot.Grains.Simulation;

namespace ZkPot.Cli.Tests;

public class LiveProgressTests
{
    const string Escape = "\u001b[";

    static readonly SimulationProgress Setup = new("setup", "phase 2: 4 contributions", 3, 6);
    static readonly SimulationProgress RoundStarts = new("round 1", "training, proving, consensus", 0, 2);
    static readonly SimulationProgress RoundCloses = new("round 1", "committed 0123456789ab", 1, 2)
    {
        Proved = ["owner0/p0 on silo0", "owner1/p1 on silo1"],
        Rejected = [new RejectedClaim("owner1/p3", "InvalidProof")],
    };

    static string Show(Terminal terminal, params SimulationProgress[] notices)
    {
        var output = new StringWriter();
        using (var live = new LiveProgress(output, terminal))
            foreach (var notice in notices) live.Report(notice);
        return output.ToString();
    }

    [Fact]
    public void Output_that_is_not_a_terminal_gets_one_plain_line_per_notice()
    {
        var lines = Show(Terminal.NotATerminal, Setup, RoundStarts, RoundCloses).TrimEnd().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains(Escape, StringComparison.Ordinal));
        Assert.Matches(@"^\[\d+:\d\d\] setup \(3/6\): phase 2: 4 contributions$", lines[0]);
        Assert.EndsWith("round 1 (1/2): committed 0123456789ab; proved: owner0/p0 on silo0, owner1/p1 on silo1; rejected: owner1/p3 (InvalidProof)", lines[2]);
    }

    [Fact]
    public void A_terminal_gets_one_block_redrawn_in_place_with_who_proved_and_who_was_rejected()
    {
        string shown = Show(new Terminal(true, 200), Setup, RoundStarts, RoundCloses);
        // Each notice after the first moves the cursor back over the block drawn before and clears it.
        Assert.Contains(Escape + "2A\r" + Escape + "J", shown);
        string last = shown[(shown.LastIndexOf(Escape + "J", StringComparison.Ordinal) + Escape.Length + 1)..];
        var lines = last.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^round 1  \[#{10}-{10}\] 1/2  \d+:\d\d$", lines[0]);
        Assert.Equal("  committed 0123456789ab", lines[1]);
        Assert.Equal("  round 1 proved: owner0/p0 on silo0, owner1/p1 on silo1", lines[2]);
        Assert.Equal("  round 1 rejected: owner1/p3 (InvalidProof)", lines[3]);
    }

    [Fact]
    public void A_narrow_terminal_gets_lines_cut_to_its_width_so_none_wraps()
    {
        string shown = Show(new Terminal(true, 24), Setup, RoundCloses);
        var lines = shown.Split('\n').Select(l => l.Contains(Escape + "J", StringComparison.Ordinal) ? l[(l.LastIndexOf(Escape + "J", StringComparison.Ordinal) + 3)..] : l);
        Assert.All(lines, l => Assert.True(l.Length < 24, $"'{l}' is {l.Length} characters"));
        Assert.Contains("  round 1 rejected: ow~", shown);
    }
}
