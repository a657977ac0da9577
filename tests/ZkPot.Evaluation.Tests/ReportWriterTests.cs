using System.Text.Json;
using ZkPot.Evaluation.Report;

namespace ZkPot.Evaluation.Tests;

public class ReportWriterTests(ReportFixture report) : IClassFixture<ReportFixture>
{
    [Fact]
    public void Every_figure_has_its_png_svg_and_json_and_the_page_embeds_it()
    {
        string html = File.ReadAllText(Path.Combine(report.Directory, ReportWriter.Page));
        // Per attack on the first split, per split, bytes, CPU, membership.
        Assert.Equal(2 + 2 + 3, report.Figures.Count);
        foreach (var f in report.Figures)
        {
            Assert.True(new FileInfo(Path.Combine(report.Directory, f.Id + ".png")).Length > 5000, f.Id);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(report.Directory, f.Id + ".svg")));
            using var data = JsonDocument.Parse(File.ReadAllText(Path.Combine(report.Directory, f.Id + ".json")));
            Assert.Equal(f.Series.Count, data.RootElement.GetProperty("series").GetArrayLength());
            Assert.Contains($"id=\"fig-{f.Id}\"", html);
            Assert.Contains($"href=\"{f.Id}.svg\"", html);
            Assert.Contains($"href=\"{f.Id}.json\"", html);
        }
        Assert.Equal(report.Figures.Count, html.Split("data:image/png;base64,").Length - 1);
    }

    [Fact]
    public void Results_json_holds_every_run_and_the_tables_are_on_the_page()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report.Directory, ReportWriter.Results)));
        var runs = json.RootElement.GetProperty("runs");
        Assert.Equal(report.Result.Runs.Count, runs.GetArrayLength());
        Assert.Equal(3, runs[0].GetProperty("rounds").GetArrayLength());
        Assert.False(json.RootElement.GetProperty("zkpot_calibration").GetProperty("accepted").GetProperty("forged-proof").GetBoolean());
        string html = File.ReadAllText(Path.Combine(report.Directory, ReportWriter.Page));
        foreach (string heading in new[] { "Summary: final accuracy", "Membership inference", "Cost per round", "dir-0.5 split", "zkpot (leader)" })
            Assert.Contains(heading, html);
    }
}
