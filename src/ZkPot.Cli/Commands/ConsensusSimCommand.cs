using System.CommandLine;
using System.Text.Json;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Simulation;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot consensus-sim --nodes N --byzantine F --seeds K --rounds R [--roles R1,R2] [--json OUT] [--export-dir DIR] [--first-seed S] [--allow-unsafe]`:
/// K seeded, deterministic runs of the ZKPoT consensus (stand-in proofs, not Groth16). Refuses F >= N/3 unless
/// --allow-unsafe. Exit 0 when the run holds up; 1 when, within the n >= 3f+1 bound, a run shows a safety
/// violation, an accepted Byzantine claim or an uncommitted round (a bug); 2 for bad options.
/// </summary>
public static class ConsensusSimCommand
{
    public static Command Create()
    {
        var nodes = Options.Int("--nodes", "validators", 10, 1, 1000);
        var byzantine = Options.Int("--byzantine", "Byzantine validators among them (below --nodes / 3 unless --allow-unsafe)", 3, 0, 999);
        var seeds = Options.Int("--seeds", "seeded runs", 200, 1, 1_000_000);
        var rounds = Options.Int("--rounds", "rounds per run", 5, 1, 10_000);
        var firstSeed = Options.Int("--first-seed", "seed of the first run (the others follow it)", 0, 0, int.MaxValue - 1_000_000);
        var json = Options.OptionalText("--json", "where to write the summary and every run (JSON)", "none: not written", "OUT");
        var exportDir = Options.OptionalText("--export-dir", "where to export the first run's chain (for zkpot chain verify)", "none: not exported", "DIR");
        var allowUnsafe = Options.Flag("--allow-unsafe", "run a coalition of a third or more of the nodes (outside n >= 3f+1)");
        var roles = Options.OptionalText("--roles", $"the coalition's roles in turn, comma-separated: {string.Join(", ", Enum.GetNames<ByzantineRole>().Select(Kebab))}",
            "none: each run deals roles by its seed", "R1,R2,...");
        var command = new Command("consensus-sim", "seeded, deterministic runs of the consensus with stand-in proofs: exit 1 when, within n >= 3f+1, one breaks")
        {
            nodes, byzantine, seeds, rounds, firstSeed, json, exportDir, allowUnsafe, roles,
        };
        command.SetAction(p => Run(p.GetValue(nodes), p.GetValue(byzantine), p.GetValue(seeds), p.GetValue(rounds), p.GetValue(firstSeed),
            p.GetValue(json), p.GetValue(exportDir), p.GetValue(allowUnsafe), Roles(p.GetValue(roles)), p.Output()));
        return command;
    }

    static int Run(int nodes, int byzantine, int seeds, int rounds, int firstSeed, string? jsonPath, string? exportDir, bool allowUnsafe,
        IReadOnlyList<ByzantineRole>? roles, TextWriter stdout)
    {
        if (byzantine >= nodes) throw new UsageException($"--byzantine {byzantine} must be smaller than --nodes {nodes}");
        bool withinBound = 3 * byzantine < nodes;
        if (!withinBound && !allowUnsafe)
            throw new UsageException($"--byzantine {byzantine} of --nodes {nodes} breaks n >= 3f+1 (the most this set tolerates is {(nodes - 1) / 3}); add --allow-unsafe to run it anyway");

        var options = new SimulationOptions { Nodes = nodes, Byzantine = byzantine, Rounds = rounds, Roles = roles };
        var started = System.Diagnostics.Stopwatch.StartNew();
        var summary = ConsensusSimulation.Run(options, seeds, firstSeed);
        double seconds = started.Elapsed.TotalSeconds;

        if (jsonPath is not null) WriteJson(jsonPath, summary, allowUnsafe, seconds);
        if (exportDir is not null)
        {
            var first = summary.Runs[0];
            ChainDirectory.Export(exportDir, first.ReferenceChain, first.GenesisRecord);
            stdout.WriteLine($"exported seed {first.Seed}'s chain ({first.ReferenceChain.Count} blocks, genesis {first.ReferenceChain[0].Hash}) to {exportDir}");
        }
        stdout.WriteLine($"consensus-sim n={nodes} f={byzantine} seeds={seeds} rounds={rounds}: safety_violations={summary.SafetyViolations} " +
                         $"rounds_committed={summary.RoundsCommitted}/{summary.RoundsExpected} view_changes={summary.ViewChanges} " +
                         $"byzantine_claims_accepted={summary.ByzantineClaimsAccepted}/{summary.ByzantineClaimsSubmitted} " +
                         $"evidence_recorded={summary.EvidenceRecorded} ({seconds:F1} s)");
        bool healthy = summary.SafetyViolations == 0 && summary.ByzantineClaimsAccepted == 0 && summary.RoundsCommitted == summary.RoundsExpected;
        return withinBound && !healthy ? 1 : 0;
    }

    static void WriteJson(string path, SimulationSummary s, bool allowUnsafe, double seconds)
    {
        var o = s.Options;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("nodes", o.Nodes);
            w.WriteNumber("byzantine", o.Byzantine);
            w.WriteNumber("seeds", s.Runs.Count);
            w.WriteNumber("first_seed", s.Runs[0].Seed);
            w.WriteNumber("rounds", o.Rounds);
            w.WriteBoolean("allow_unsafe", allowUnsafe);
            w.WriteString("proof_verifier", StandInProofVerifier.SchemeName + " (simulated stand-in, not Groth16)");
            w.WriteNumber("safety_violations", s.SafetyViolations);
            w.WriteNumber("runs_with_safety_violations", s.RunsWithSafetyViolations);
            w.WriteNumber("rounds_committed", s.RoundsCommitted);
            w.WriteNumber("rounds_expected", s.RoundsExpected);
            w.WriteNumber("runs_fully_committed", s.RunsFullyCommitted);
            w.WriteNumber("view_changes", s.ViewChanges);
            w.WriteNumber("byzantine_claims_submitted", s.ByzantineClaimsSubmitted);
            w.WriteNumber("byzantine_claims_accepted", s.ByzantineClaimsAccepted);
            w.WriteNumber("evidence_recorded", s.EvidenceRecorded);
            w.WriteNumber("wall_seconds", Math.Round(seconds, 2));
            w.WriteStartArray("runs");
            foreach (var r in s.Runs)
            {
                w.WriteStartObject();
                w.WriteNumber("seed", r.Seed);
                w.WriteStartArray("byzantine_roles");
                foreach (var role in r.Roles) w.WriteStringValue(role.ToString());
                w.WriteEndArray();
                w.WriteNumber("heal_at_ms", r.HealAtMs);
                w.WriteNumber("ended_at_ms", r.EndedAtMs);
                w.WriteNumber("safety_violations", r.SafetyViolations);
                w.WriteNumber("rounds_committed", r.RoundsCommitted);
                w.WriteNumber("view_changes", r.ViewChanges);
                w.WriteNumber("byzantine_claims_submitted", r.ByzantineClaimsSubmitted);
                w.WriteNumber("byzantine_claims_accepted", r.ByzantineClaimsAccepted);
                w.WriteNumber("evidence_recorded", r.EvidenceRecorded);
                w.WriteStartObject("claim_rejections");
                foreach (var (reason, count) in r.ClaimRejections.OrderBy(kv => kv.Key)) w.WriteNumber(reason.ToString(), count);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllBytes(path, stream.ToArray());
    }

    /// <summary>--roles invalid-proof,flooder,...: the coalition's roles in turn (kebab-case or the enum's names); null deals them all by seed.</summary>
    static IReadOnlyList<ByzantineRole>? Roles(string? list)
    {
        if (list is null) return null;
        var roles = new List<ByzantineRole>();
        foreach (string item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<ByzantineRole>(item.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var role) || !Enum.IsDefined(role))
                throw new UsageException($"--roles: '{item}' is not a role; roles: {string.Join(", ", Enum.GetNames<ByzantineRole>().Select(Kebab))}");
            roles.Add(role);
        }
        return roles.Count > 0 ? roles : throw new UsageException("--roles names no role");
    }

    static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
