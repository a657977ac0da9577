using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ZkPot.Circuits;
using ZkPot.Learning;
using ZkPot.Snark.Formats;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot accuracy --participants P --test-samples B --hidden H --seed S --json OUT [--participant K] [--epochs E]
/// [--zkey PATH]`: one participant trains on its IID shard of Fashion-MNIST, quantizes to int8, proves its accuracy on
/// the task's public test batch with Groth16 and verifies the proof. With --zkey an existing key for the same task
/// shape is reused, or a new development key is saved there.
/// </summary>
public static class AccuracyCommand
{
    public static Command Create()
    {
        var participants = Options.Int("--participants", "participants the training set is split among (IID shards)", 10, 1, 1000);
        var samples = Options.Int("--test-samples", "size of the public test batch the accuracy is proved on", 64, 1, 10_000);
        var hidden = Options.Int("--hidden", "hidden units of the model", 32, 1, 256);
        var seed = Options.Int("--seed", "seed of the shards, the initial model and the test batch", 1, 0, int.MaxValue);
        var participant = Options.Int("--participant", "which participant trains (below --participants)", 0, 0, 999);
        var epochs = Options.Int("--epochs", "local training epochs", 3, 1, 100);
        var json = Options.RequiredText("--json", "where to write the report (JSON)", "OUT");
        var zkey = Options.OptionalText("--zkey", "a key for the same task shape to reuse; saved there when the file does not exist",
            "none: a development key made for this run", "ZKEY");
        var command = new Command("accuracy", "one participant trains, quantizes to int8, proves its test accuracy with Groth16 and verifies the proof")
        {
            participants, samples, hidden, seed, participant, epochs, json, zkey,
        };
        command.SetAction(p => Run(p.GetValue(participants), p.GetValue(samples), p.GetValue(hidden), p.GetValue(seed), p.GetValue(participant),
            p.GetValue(epochs), p.GetRequiredValue(json), p.GetValue(zkey), p.Output()));
        return command;
    }

    static int Run(int participants, int samples, int hidden, int seed, int participant, int epochs, string jsonPath, string? zkeyPath, TextWriter stdout)
    {
        if (participant >= participants) throw new UsageException($"--participant {participant} must be below --participants {participants}");

        var data = FashionMnist.Load();
        var shard = Partitioner.Iid(data.Train, participants, seed)[participant];
        var trained = (FloatMlp)SgdTrainer.Train(FloatMlp.Create(hidden, seed), shard, new SgdOptions { Epochs = epochs, Seed = seed }).Model;
        var taskId = SHA256.HashData(Encoding.UTF8.GetBytes($"zkpot/accuracy-task/v1|seed={seed}|samples={samples}|hidden={hidden}"));
        var batch = TestBatch.Select(data.Test, samples, seed);
        // The task's public format: from the initial model every participant starts from and the public batch.
        var task = new AccuracyTask(taskId, batch, hidden, FixedPointFormat.For(FloatMlp.Create(hidden, seed), batch));
        var model = task.Quantize(trained);
        double floatAccuracy = trained.Accuracy(data.Test);
        double quantizedAccuracy = model.Accuracy(data.Test);
        var clock = Stopwatch.StartNew();
        var key = LoadOrCreateKey(task, zkeyPath);
        double setupSeconds = clock.Elapsed.TotalSeconds;

        var mask = Fr.Random();
        var participantId = Fr.FromUInt64((ulong)participant + 1);
        clock.Restart();
        var (proof, statement) = task.Prove(key, model, mask, round: 1, participantId);
        double proveSeconds = clock.Elapsed.TotalSeconds;

        var vk = AccuracyTask.VerifyingKeyOf(key);
        var bytes = proof.ToCompressed();
        clock.Restart();
        bool verified = AccuracyTask.Verify(vk, statement, ZkPot.Snark.Groth16.Proof.FromCompressed(bytes));
        double verifyColdMs = clock.Elapsed.TotalMilliseconds;
        // A validator verifies many proofs in a long-running process: the second check shows the warm cost.
        clock.Restart();
        verified &= AccuracyTask.Verify(vk, statement, ZkPot.Snark.Groth16.Proof.FromCompressed(bytes));
        double verifyMs = clock.Elapsed.TotalMilliseconds;

        var report = new Dictionary<string, object>
        {
            ["participants"] = participants, ["participant"] = participant, ["hidden"] = hidden, ["seed"] = seed,
            ["shard_samples"] = shard.Count,
            ["float_test_accuracy"] = Math.Round(floatAccuracy, 4),
            ["quantized_test_accuracy"] = Math.Round(quantizedAccuracy, 4),
            ["batch_correct"] = model.CountCorrect(task.TestBatch),
            ["test_samples"] = samples,
            ["proven_correct"] = statement.Correct,
            ["verified"] = verified,
            ["constraints"] = task.Constraints.NConstraints,
            ["domain_size"] = key.Header.DomainSize,
            ["setup_seconds"] = Math.Round(setupSeconds, 2),
            ["prove_seconds"] = Math.Round(proveSeconds, 2),
            ["verify_ms"] = Math.Round(verifyMs, 2),
            ["verify_cold_ms"] = Math.Round(verifyColdMs, 2),
            ["proof_bytes"] = bytes.Length,
        };
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        stdout.WriteLine($"participant {participant}: float {floatAccuracy:P2}, int8 {quantizedAccuracy:P2}; proved {statement.Correct}/{samples} " +
                         $"({task.Constraints.NConstraints} constraints) in {proveSeconds:F1} s, verified={verified} in {verifyMs:F1} ms, proof {bytes.Length} bytes");
        return verified ? 0 : 1;
    }

    static ZKey LoadOrCreateKey(AccuracyTask task, string? path)
    {
        if (path is not null && File.Exists(path))
        {
            var existing = ZKeyReader.Read(path);
            if (existing.Header.NVars != task.Constraints.NWires || existing.Header.NPublic != task.Constraints.NPublic)
                throw new InvalidDataException($"{path}: key is for another circuit shape ({existing.Header.NVars} wires, this task {task.Constraints.NWires})");
            return existing;
        }
        var key = task.DevelopmentKey();
        if (path is not null) ZKeyWriter.Write(key, path);
        return key;
    }
}
