using System.Globalization;
using System.Text.Json;
using ZkPot.Grains;
using ZkPot.Grains.Federation;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;

namespace ZkPot.Cli.Output;

/// <summary>
/// What `zkpot simulate` prints and writes about a run: a row per round, and, for the embedded federation, a line per
/// member (how far its chain got, what its door refused or dropped, the bytes it sent, and for a Byzantine member its
/// attack and how often its code deviated); the same in the --json file.
/// </summary>
public static class SimulationReport
{
    /// <summary>One member of a federation run, as the report shows it.</summary>
    public sealed record Member(string Owner, string Participant, AttackKind Attack, int Acted, long BytesSent, MemberStatus Status);

    /// <summary>The members of a federation run, in order (member i is owner i, the publisher first).</summary>
    public static IReadOnlyList<Member> Members(FederationResult run)
    {
        var members = new List<Member>();
        for (int i = 0; i < run.Members.Count; i++)
        {
            string owner = FederationSimulation.OwnerOf(i);
            string participant = run.Simulation.Attacks.Keys.FirstOrDefault(k => SiloRole.OwnerOf(k) == owner) ?? owner;
            members.Add(new Member(owner, participant, run.Simulation.Attacks.GetValueOrDefault(participant), run.Acted.GetValueOrDefault(participant),
                                   run.BytesSent.GetValueOrDefault(owner), run.Members[i]));
        }
        return members;
    }

    /// <summary>
    /// A row per round: its leader, verdicts, accuracy, view and block; the relayed cluster's rounds also their timings
    /// (the federation's members keep theirs to themselves). A claim that is not in the block is shown with the attack
    /// of its member when it has one.
    /// </summary>
    public static ResultTable Rounds(SimulationResult result, bool federation)
    {
        string[] timings = ["prove max s", "verify s", "consensus s"];
        var table = new ResultTable(["round", "leader", "verified acc.", "accepted", federation ? "not in block" : "rejected (reason)", "global acc.",
                                     .. federation ? [] : timings, "view", "evidence", "block"]);
        foreach (var r in result.Rounds)
        {
            string rejected = string.Join(", ", r.Rejected.Select(x => federation
                ? result.Attacks.GetValueOrDefault(x.Participant) is var a && a != AttackKind.None ? $"{x.Participant} ({AttackNames.NameOf(a)})" : x.Participant
                : $"{x.Participant} ({x.Reason})"));
            string[] measured = [$"{r.ProveSecondsMax:F2}", $"{r.VerifySecondsTotal:F2}", $"{r.ConsensusSeconds:F2}"];
            table.AddRow([r.Round.ToString(CultureInfo.InvariantCulture), r.Leader, $"{r.LeaderCorrect}/{r.TestSamples}", r.Accepted.Count.ToString(CultureInfo.InvariantCulture),
                          rejected.Length == 0 ? "-" : rejected, r.Committed ? $"{r.GlobalAccuracy:P1}" : "-", .. federation ? [] : measured,
                          r.View.ToString(CultureInfo.InvariantCulture), r.Evidence.ToString(CultureInfo.InvariantCulture), r.Committed ? r.BlockHash[..16] : "NOT COMMITTED"]);
        }
        return table;
    }

    /// <summary>A row per member of a federation run.</summary>
    public static ResultTable MemberTable(IReadOnlyList<Member> members)
    {
        var table = new ResultTable("member", "participant", "attack", "deviated", "chain height", "refused", "dropped", "sent kB");
        foreach (var m in members)
            table.AddRow(m.Owner, m.Participant, m.Attack == AttackKind.None ? "-" : AttackNames.NameOf(m.Attack),
                         m.Attack == AttackKind.None ? "-" : m.Acted.ToString(CultureInfo.InvariantCulture), m.Status.ChainHeight.ToString(CultureInfo.InvariantCulture),
                         m.Status.Refused.ToString(CultureInfo.InvariantCulture), m.Status.Dropped.ToString(CultureInfo.InvariantCulture),
                         (m.BytesSent / 1000.0).ToString("F1", CultureInfo.InvariantCulture));
        return table;
    }

    /// <summary>Every round's report as JSON; a federation run adds whether the honest replicas agree and a record per member.</summary>
    public static void WriteJson(string path, SimulationResult result, FederationResult? federation)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("mode", federation is null ? "relayed" : "federation");
        json.WriteStartArray("rounds");
        foreach (var r in result.Rounds)
        {
            json.WriteStartObject();
            json.WriteNumber("round", r.Round);
            json.WriteBoolean("committed", r.Committed);
            json.WriteString("leader", r.Leader);
            json.WriteNumber("leader_correct", r.LeaderCorrect);
            json.WriteNumber("global_accuracy", r.GlobalAccuracy);
            json.WriteStartArray("accepted");
            foreach (var a in r.Accepted) json.WriteStringValue(a.Participant);
            json.WriteEndArray();
            json.WriteStartArray("rejected");
            foreach (var x in r.Rejected)
            {
                json.WriteStartObject();
                json.WriteString("participant", x.Participant);
                json.WriteString("reason", x.Reason);
                json.WriteString("attack", AttackNames.NameOf(result.Attacks.GetValueOrDefault(x.Participant)));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("aggregated");
            foreach (var a in r.Aggregated) json.WriteStringValue(a);
            json.WriteEndArray();
            json.WriteNumber("byzantine_accepted", r.ByzantineAccepted);
            json.WriteString("block_hash", r.BlockHash);
            json.WriteNumber("view", r.View);
            json.WriteNumber("evidence", r.Evidence);
            json.WriteNumber("prove_seconds_max", r.ProveSecondsMax);
            json.WriteNumber("verify_seconds_total", r.VerifySecondsTotal);
            json.WriteNumber("proofs_verified", r.ProofsVerified);
            json.WriteNumber("consensus_seconds", r.ConsensusSeconds);
            json.WriteNumber("train_prove_seconds", r.TrainProveSeconds);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (federation is not null)
        {
            json.WriteBoolean("agreed", federation.Agreed);
            json.WriteStartArray("members");
            foreach (var m in Members(federation))
            {
                json.WriteStartObject();
                json.WriteString("member", m.Owner);
                json.WriteString("participant", m.Participant);
                json.WriteString("attack", AttackNames.NameOf(m.Attack));
                json.WriteNumber("deviated", m.Acted);
                json.WriteNumber("chain_height", m.Status.ChainHeight);
                json.WriteNumber("refused", m.Status.Refused);
                json.WriteNumber("dropped", m.Status.Dropped);
                json.WriteNumber("bytes_sent", m.BytesSent);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteNumber("final_accuracy", result.FinalAccuracy);
        json.WriteString("chain_dir", result.ChainDirectory);
        json.WriteString("genesis_hash", result.GenesisHash);
        json.WriteNumber("setup_seconds", result.SetupSeconds);
        json.WriteNumber("total_seconds", result.TotalSeconds);
        json.WriteEndObject();
    }
}
