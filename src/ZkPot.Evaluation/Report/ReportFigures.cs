using ZkPot.Evaluation.Run;

namespace ZkPot.Evaluation.Report;

/// <summary>The report's figures, as data, from an evaluation's runs.</summary>
public static class ReportFigures
{
    public static IReadOnlyList<Figure> Of(EvaluationResult result)
    {
        var s = result.Settings;
        var systems = s.Systems.Select(SystemNames.NameOf).ToList();
        string main = s.Splits[0].Name;
        var figures = new List<Figure>();
        foreach (string attack in s.Attacks)
        {
            var series = systems.Select(sys => result.Find(sys, attack, main)!).Select(r => new Series(r.System,
                r.Rounds.Select(x => (double)x.Round).ToArray(), r.Rounds.Select(x => 100 * x.Accuracy).ToArray())).ToList();
            figures.Add(new Figure($"accuracy-{main}-{attack}", $"Global accuracy per round, attack {attack}, {main} split",
                "round", "accuracy on the 10,000 test images (%)", false, series,
                Caption: $"{s.Byzantine} of {s.Participants} participants run {attack}; the global model after each round, scored on the full test set."));
        }
        foreach (var split in s.Splits)
        {
            var series = systems.Select(sys => new Series(sys, s.Attacks.Select((_, i) => (double)i).ToArray(),
                s.Attacks.Select(a => 100 * result.Find(sys, a, split.Name)!.FinalAccuracy).ToArray())).ToList();
            figures.Add(new Figure($"final-{split.Name}", $"Final accuracy after {s.Rounds} rounds by attack, {split.Name} split",
                "attack", "final accuracy (%)", false, series, s.Attacks.ToList(),
                "Each line is a system; each point its final global accuracy under that attack (none: the honest run)."));
        }
        var honest = systems.Select(sys => result.Find(sys, "none", main)!).ToList();
        var positions = honest.Select((_, i) => (double)i).ToArray();
        figures.Add(new Figure("bytes", "Bytes one participant sends per round (honest run)", "system", "kB per participant per round", true,
            [new Series("sent", positions, honest.Select(r => r.Rounds.Average(x => x.BytesPerParticipant) / 1000).ToArray())], systems,
            "Model, claim and block payloads from the real encodings; consensus votes are not counted for any system."));
        figures.Add(new Figure("cpu", "CPU seconds per round (honest run)", "system", "CPU seconds per round", true,
            [new Series("per participant", positions, honest.Select(r => r.Rounds.Average(x => x.ParticipantCpuSeconds)).ToArray()),
             new Series("per validator (or server)", positions, honest.Select(r => r.Rounds.Average(x => x.ValidatorCpuSeconds)).ToArray())], systems,
            "Participant: training plus proof (ZKPoT) or puzzle (PoW); validator: proof and aggregate checks, re-evaluation or aggregation."));
        var views = honest.Select(r => (Name: r.System, r.Membership)).ToList();
        if (honest.FirstOrDefault(r => r.LeaderMembership is not null) is { } z) views.Add((z.System + " (leader)", z.LeaderMembership!));
        var at = views.Select((_, i) => (double)i).ToArray();
        figures.Add(new Figure("membership", "Membership-inference advantage on what a validator sees (honest run, last round)", "system (view)",
            "advantage TPR - FPR", true,
            [new Series("vs unseen test images", at, views.Select(v => v.Membership.AgainstUnseen.Advantage).ToArray()),
             new Series("vs other participants' images", at, views.Select(v => v.Membership.AgainstOthers.Advantage).ToArray()),
             new Series("95 % chance band", at, views.Select(v => v.Membership.AgainstOthers.ChanceBand).ToArray())],
            views.Select(v => v.Name).ToList(),
            "Loss-threshold attack (Yeom et al. 2018) on each honest participant's training images; a bar inside the band is chance."));
        return figures;
    }
}
