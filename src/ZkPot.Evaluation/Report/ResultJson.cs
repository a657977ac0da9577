using System.Text.Json;
using ZkPot.Evaluation.Privacy;

namespace ZkPot.Evaluation.Report;

/// <summary>Writes an evaluation's results and each figure's data as JSON (Utf8JsonWriter: no reflection).</summary>
public static class ResultJson
{
    public static void WriteResults(string path, EvaluationResult result)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var s = result.Settings;
        json.WriteStartObject();
        json.WriteString("machine", result.Machine);
        json.WriteNumber("total_seconds", result.TotalSeconds);
        json.WriteStartObject("settings");
        json.WriteNumber("participants", s.Participants);
        json.WriteNumber("byzantine", s.Byzantine);
        json.WriteNumber("rounds", s.Rounds);
        json.WriteNumber("hidden", s.Hidden);
        json.WriteNumber("test_samples", s.TestSamples);
        json.WriteNumber("train_samples", s.TrainSamples);
        json.WriteNumber("local_epochs", s.LocalEpochs);
        json.WriteNumber("learning_rate", s.LearningRate);
        json.WriteNumber("seed", s.Seed);
        json.WriteEndObject();
        var c = result.Calibration;
        json.WriteStartObject("zkpot_calibration");
        json.WriteNumber("constraints", c.Constraints);
        json.WriteNumber("key_setup_seconds", c.KeySetupSeconds);
        json.WriteNumber("prove_cpu_seconds", c.ProveCpuSeconds);
        json.WriteNumber("prove_wall_seconds", c.ProveWallSeconds);
        json.WriteNumber("verify_cpu_seconds", c.VerifyCpuSeconds);
        json.WriteNumber("aggregate_check_cpu_seconds", c.AggregateCheckCpuSeconds);
        json.WriteNumber("claim_bytes", c.ClaimBytes);
        json.WriteNumber("envelope_bytes", c.EnvelopeBytes);
        json.WriteNumber("sum_bytes", c.SumBytes);
        json.WriteStartObject("accepted");
        foreach (var (lie, ok) in c.Accepted) json.WriteBoolean(lie, ok);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("proof_of_work");
        json.WriteNumber("hashes_per_second", result.HashRate);
        json.WriteNumber("difficulty_bits", result.PowBits);
        json.WriteNumber("expected_round_seconds", result.PowRoundSeconds);
        json.WriteEndObject();
        json.WriteStartArray("runs");
        foreach (var run in result.Runs)
        {
            json.WriteStartObject();
            json.WriteString("system", run.System);
            json.WriteString("attack", run.Attack);
            json.WriteString("split", run.Split);
            json.WriteNumber("final_accuracy", run.FinalAccuracy);
            Membership(json, "membership_vs_unseen", run.Membership.AgainstUnseen);
            Membership(json, "membership_vs_other_participants", run.Membership.AgainstOthers);
            if (run.LeaderMembership is { } leader)
            {
                Membership(json, "leader_membership_vs_unseen", leader.AgainstUnseen);
                Membership(json, "leader_membership_vs_other_participants", leader.AgainstOthers);
            }
            json.WriteStartArray("rounds");
            foreach (var r in run.Rounds)
            {
                json.WriteStartObject();
                json.WriteNumber("round", r.Round);
                json.WriteNumber("accuracy", r.Accuracy);
                json.WriteBoolean("committed", r.Committed);
                if (r.ByzantineIncluded is { } b) json.WriteNumber("byzantine_included", b); else json.WriteNull("byzantine_included");
                json.WriteNumber("bytes_per_participant", r.BytesPerParticipant);
                json.WriteNumber("participant_cpu_seconds", r.ParticipantCpuSeconds);
                json.WriteNumber("validator_cpu_seconds", r.ValidatorCpuSeconds);
                json.WriteNumber("commit_seconds", r.CommitSeconds);
                json.WriteNumber("views", r.Views);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteFigure(string path, Figure figure)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("id", figure.Id);
        json.WriteString("title", figure.Title);
        json.WriteString("x_label", figure.XLabel);
        json.WriteString("y_label", figure.YLabel);
        if (figure.Categories is { } names)
        {
            json.WriteStartArray("categories");
            foreach (string n in names) json.WriteStringValue(n);
            json.WriteEndArray();
        }
        json.WriteStartArray("series");
        foreach (var s in figure.Series)
        {
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            json.WriteStartArray("x");
            foreach (double x in s.X) json.WriteNumberValue(x);
            json.WriteEndArray();
            json.WriteStartArray("y");
            foreach (double y in s.Y) json.WriteNumberValue(y);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    static void Membership(Utf8JsonWriter json, string name, MembershipAdvantage m)
    {
        json.WriteStartObject(name);
        json.WriteNumber("advantage", m.Advantage);
        json.WriteNumber("true_positive_rate", m.TruePositiveRate);
        json.WriteNumber("false_positive_rate", m.FalsePositiveRate);
        json.WriteNumber("chance_band", m.ChanceBand);
        json.WriteBoolean("at_chance", m.AtChance);
        json.WriteNumber("members", m.Members);
        json.WriteNumber("non_members", m.NonMembers);
        json.WriteEndObject();
    }
}
