using System.Globalization;
using System.Net;
using System.Text;
using ZkPot.Evaluation.Run;

namespace ZkPot.Evaluation.Report;

/// <summary>
/// Writes the report folder: index.html (one self-contained page: tables, and every figure embedded as a PNG data
/// URI with links to its SVG and JSON), each figure as PNG, SVG and JSON, and results.json with every run.
/// </summary>
public static class ReportWriter
{
    public const string Page = "index.html", Results = "results.json";

    /// <summary>Writes the report and returns the figures it drew.</summary>
    public static IReadOnlyList<Figure> Write(EvaluationResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        ResultJson.WriteResults(Path.Combine(directory, Results), result);
        var figures = ReportFigures.Of(result);
        foreach (var f in figures)
        {
            FigureRenderer.Save(f, directory);
            ResultJson.WriteFigure(Path.Combine(directory, f.Id + ".json"), f);
        }
        File.WriteAllText(Path.Combine(directory, Page), Html(result, figures, directory));
        return figures;
    }

    static string Html(EvaluationResult r, IReadOnlyList<Figure> figures, string directory)
    {
        var s = r.Settings;
        var c = r.Calibration;
        string main = s.Splits[0].Name;
        var systems = s.Systems.Select(SystemNames.NameOf).ToList();
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ZKPoT evaluation</title><style>")
         .Append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:1em 0}")
         .Append("td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
         .Append("figure{margin:2em 0}img{max-width:100%;border:1px solid #ddd}.bad{color:#b00}</style></head><body>");
        h.Append("<h1>ZKPoT against baselines</h1>");
        h.Append(P($"{s.Participants} participants, the last {s.Byzantine} Byzantine; {s.Rounds} rounds; MLP 784-{s.Hidden}-10; public batch of {s.TestSamples} test images; " +
                   $"at most {s.TrainSamples} training images per participant, {s.LocalEpochs} local epoch(s), learning rate {F(s.LearningRate, 3)}; seed {s.Seed}. " +
                   $"Machine: {r.Machine}. Whole evaluation: {F(r.TotalSeconds, 0)} s."));

        h.Append("<h2>What is measured, and what is real</h2><ul>");
        h.Append(Li("Every system trains with the same code, shards and seeds; the attackers use the project's attack implementations. Accuracy is the global model's on the whole Fashion-MNIST test set (10,000 images), for ZKPoT its int8 form as the chain publishes it."));
        h.Append(Li($"ZKPoT's rules are the project's (claim ranking, AggregationRule, integer-domain mean). Its cryptography ran for real once, at this task's size ({c.Constraints:N0} constraints, development key made in {F(c.KeySetupSeconds, 1)} s): " +
                    $"one Groth16 proof ({F(c.ProveWallSeconds, 2)} s wall, {F(c.ProveCpuSeconds, 2)} CPU s), its check ({F(1000 * c.VerifyCpuSeconds, 1)} ms), the aggregate check ({F(1000 * c.AggregateCheckCpuSeconds, 1)} ms), " +
                    $"and the verdict on each lie: {string.Join(", ", c.Accepted.Select(p => $"{p.Key} {(p.Value ? "accepted" : "refused")}"))}. " +
                    "The rounds apply these verdicts to the same lies and charge these costs per claim; they do not prove each round's models."));
        h.Append(Li($"Proof of work: SHA-256 at {F(r.HashRate / 1e6, 2)} M hashes/s per core, difficulty {r.PowBits} bits so that the first of {s.Participants} solvers takes {F(r.PowRoundSeconds, 2)} s on average (about one proof). " +
                    "Each round's winner and time are drawn from that distribution (hashing is memoryless) instead of burning the CPU; each participant is charged the round's puzzle time."));
        h.Append(Li("Bytes: payloads from the real encodings (float32 models; ZKPoT's signed claim, sealed opening and published sum); consensus votes are left out for every system. Time to commit: the slowest participant's training and proof or puzzle, then one validator's checks, from measured CPU times; no network delay, no consensus messages."));
        h.Append(Li("Runs were evaluated in parallel on the machine's cores; CPU figures are per-thread CPU time, so load from other work inflates them less than wall time."));
        h.Append("</ul>");

        h.Append($"<h2>Summary: final accuracy (%), {main} split</h2>").Append("<p>Gap to the same system's honest run in brackets; red where it is more than 2 points worse.</p>");
        h.Append(Table(["system", .. s.Attacks], systems.Select(sys =>
        {
            double honest = r.Find(sys, "none", main)!.FinalAccuracy;
            return (IEnumerable<string>)[sys, .. s.Attacks.Select(a =>
            {
                double acc = r.Find(sys, a, main)!.FinalAccuracy, gap = 100 * (acc - honest);
                string cell = a == "none" ? F(100 * acc, 2) : $"{F(100 * acc, 2)} ({(gap >= 0 ? "+" : "")}{F(gap, 2)})";
                return gap < -2 ? $"<span class=\"bad\">{cell}</span>" : cell;
            })];
        })));
        h.Append($"<h2>Byzantine lies in the global model, summed over rounds, {main} split</h2><p>Poisoned updates averaged in, or a substituted model published. The claim attacks submit honestly trained updates (their lie is in the proof), so they count 0 everywhere. n/a: a coordinate-wise rule takes a part of every update.</p>");
        h.Append(Table(["system", .. s.Attacks.Where(a => a != "none")], systems.Select(sys => (IEnumerable<string>)[sys, .. s.Attacks.Where(a => a != "none").Select(a =>
        {
            var rounds = r.Find(sys, a, main)!.Rounds;
            return rounds.Any(x => x.ByzantineIncluded is null) ? "n/a" : rounds.Sum(x => x.ByzantineIncluded ?? 0).ToString(CultureInfo.InvariantCulture);
        })])));
        h.Append($"<h2>Cost per round (honest run, {main} split, mean over rounds)</h2>");
        h.Append(Table(["system", "kB sent per participant", "CPU s per participant", "CPU s per validator", "time to commit (s)", "rounds committed"], systems.Select(sys =>
        {
            var rounds = r.Find(sys, "none", main)!.Rounds;
            return (IEnumerable<string>)[sys, F(rounds.Average(x => x.BytesPerParticipant) / 1000, 1), F(rounds.Average(x => x.ParticipantCpuSeconds), 3),
                F(rounds.Average(x => x.ValidatorCpuSeconds), 4), F(rounds.Average(x => x.CommitSeconds), 2), $"{rounds.Count(x => x.Committed)}/{rounds.Count}"];
        })));
        h.Append($"<h2>Membership inference on what a validator sees (honest run, {main} split, last round)</h2>");
        h.Append(P("Loss-threshold attack (Yeom et al. 2018), averaged over honest participants; members are the participant's training images; non-members are either unseen test images " +
                   "(what the view leaks about the federation's data: the published global model leaks it in every system) or the other participants' training images (what the view tells about this participant's data). " +
                   "The band is 1.96 standard errors of the mean TPR - FPR for a coin, an image that several participants' attacks share counted once (every participant's unseen non-members are the same images). FedAvg and the robust rules: the server holds every update. PoFL and PoW: every validator receives every update. " +
                   "ZKPoT: a validator holds hiding commitments and the published sum (the global model); the round's leader opens the sealed updates, so its row is shown too."));
        var honestRuns = systems.Select(sys => r.Find(sys, "none", main)!).ToList();
        var rows = honestRuns.Select(x => (x.System, x.Membership)).ToList();
        if (honestRuns.FirstOrDefault(x => x.LeaderMembership is not null) is { } z) rows.Add((z.System + " (leader)", z.LeaderMembership!));
        h.Append(Table(["system (view)", "vs unseen: advantage", "band", "at chance", "vs other participants: advantage", "band", "at chance"], rows.Select(x => (IEnumerable<string>)[x.Item1,
            F(x.Item2.AgainstUnseen.Advantage, 4), "±" + F(x.Item2.AgainstUnseen.ChanceBand, 4), x.Item2.AgainstUnseen.AtChance ? "yes" : "no",
            F(x.Item2.AgainstOthers.Advantage, 4), "±" + F(x.Item2.AgainstOthers.ChanceBand, 4), x.Item2.AgainstOthers.AtChance ? "yes" : "no"])));
        foreach (var split in s.Splits.Skip(1))
        {
            h.Append($"<h2>Final accuracy (%), {split.Name} split</h2>");
            h.Append(Table(["system", .. s.Attacks], systems.Select(sys => (IEnumerable<string>)[sys, .. s.Attacks.Select(a => F(100 * r.Find(sys, a, split.Name)!.FinalAccuracy, 2))])));
        }

        h.Append("<h2>Figures</h2>");
        foreach (var f in figures)
        {
            string png = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(directory, f.Id + ".png")));
            h.Append($"<figure id=\"fig-{f.Id}\" data-plot=\"{f.Id}\"><img src=\"data:image/png;base64,{png}\" alt=\"{E(f.Title)}\" width=\"{FigureRenderer.Width}\" height=\"{FigureRenderer.Height}\">")
             .Append($"<figcaption>{E(f.Caption)} <a href=\"{f.Id}.svg\">SVG</a> · <a href=\"{f.Id}.png\">PNG</a> · <a href=\"{f.Id}.json\">data</a></figcaption></figure>");
        }
        h.Append($"<p>All runs: <a href=\"{Results}\">{Results}</a>.</p></body></html>");
        return h.ToString();
    }

    static string Table(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var t = new StringBuilder("<table><tr>");
        foreach (string x in header) t.Append("<th>").Append(E(x)).Append("</th>");
        t.Append("</tr>");
        foreach (var row in rows)
        {
            t.Append("<tr>");
            foreach (string cell in row) t.Append("<td>").Append(cell.StartsWith('<') ? cell : E(cell)).Append("</td>");
            t.Append("</tr>");
        }
        return t.Append("</table>").ToString();
    }

    static string P(string text) => $"<p>{E(text)}</p>";
    static string Li(string text) => $"<li>{E(text)}</li>";
    static string E(string text) => WebUtility.HtmlEncode(text);
    static string F(double value, int digits) => value.ToString("F" + digits, CultureInfo.InvariantCulture);
}
