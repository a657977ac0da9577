using System.Buffers.Binary;
using System.Diagnostics;
using ZkPot.Evaluation.Report;

namespace ZkPot.Evaluation.Tests;

/// <summary>
/// Renders the report page in Debian's chromium, headless (scripts/test installs it: ensure_chromium in
/// scripts/lib/bootstrap.sh): the screenshot must be a real page and the rendered DOM must hold every plot.
/// </summary>
public class ChromiumScreenshotTests(ReportFixture report) : IClassFixture<ReportFixture>
{
    static string Chromium() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("chromium is not installed: run scripts/test (it installs Debian's chromium) or apt-get install chromium");

    static string Browse(string page, string profile, params string[] mode)
    {
        var start = new ProcessStartInfo(Chromium())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}" })
            start.ArgumentList.Add(a);
        foreach (string a in mode) start.ArgumentList.Add(a);
        start.ArgumentList.Add(new Uri(page).AbsoluteUri);
        using var browser = Process.Start(start)!;
        var stdout = browser.StandardOutput.ReadToEndAsync();
        var stderr = browser.StandardError.ReadToEndAsync();
        if (!browser.WaitForExit(120_000))
        {
            browser.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within two minutes");
        }
        Assert.True(browser.ExitCode == 0, $"chromium exited {browser.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    [Fact]
    public void The_page_renders_with_every_plot()
    {
        string page = Path.Combine(report.Directory, ReportWriter.Page);
        string profile = Directory.CreateTempSubdirectory("zkpot-chromium-").FullName;
        try
        {
            string shot = Path.Combine(report.Directory, "screenshot.png");
            Browse(page, profile, $"--screenshot={shot}", "--window-size=1200,3000", "--hide-scrollbars");
            var png = File.ReadAllBytes(shot);
            Assert.True(png.AsSpan(1, 3).SequenceEqual("PNG"u8), "the screenshot is not a PNG");
            Assert.Equal(1200, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            // A blank or error page of this size compresses to a few kilobytes; tables and plots do not.
            Assert.True(png.Length > 60_000, $"screenshot of {png.Length} bytes looks empty");

            string dom = Browse(page, profile, "--dump-dom");
            foreach (var f in report.Figures)
                Assert.Contains($"id=\"fig-{f.Id}\"", dom);
            Assert.Equal(report.Figures.Count, dom.Split("<img ").Length - 1);
            Assert.Contains("Membership inference", dom);
        }
        finally { Directory.Delete(profile, recursive: true); }
    }
}
