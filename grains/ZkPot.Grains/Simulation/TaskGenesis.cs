using System.Globalization;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Setup;

namespace ZkPot.Grains.Simulation;

/// <summary>
/// The genesis record of a task run by the service: the task's public spec, the validators' keys, and the Groth16
/// scheme with the verifying key and the setup transcript by SHA-256 (files an exported chain carries under these names).
/// </summary>
public static class TaskGenesis
{
    public const string VerifyingKeyFile = "verification_key.json";

    public static GenesisRecord Record(TaskSpec task, ValidatorSet validators, IContentStore content, CeremonyResult setup)
    {
        var transcript = CeremonyTranscript.FromJson(content.Get(Cid.Parse(setup.TranscriptCid)));
        return new GenesisRecord(new Ledger.Crypto.Hash32(task.TaskId), Spec(task), validators, Groth16ProofVerifier.SchemeName,
            new Dictionary<string, string>
            {
                [Groth16ProofVerifier.KeyParameter] = VerifyingKeyFile,
                [GenesisRecord.HashParameterOf(Groth16ProofVerifier.KeyParameter)] = transcript.VerificationKeySha256,
                [Groth16ProofVerifier.SamplesParameter] = Text(task.TestSamples),
                [SetupFiles.Parameter] = SetupFiles.Transcript,
                [GenesisRecord.HashParameterOf(SetupFiles.Parameter)] = Convert.ToHexStringLower(setup.TranscriptHash),
            });
    }

    /// <summary>The public part of a task spec (the data directory is a local path, not part of the task).</summary>
    public static Dictionary<string, string> Spec(TaskSpec task) => new()
    {
        ["model"] = $"mlp-784-{Text(task.Hidden)}-10",
        ["test_samples"] = Text(task.TestSamples),
        ["test_seed"] = Text(task.TestSeed),
        ["data_seed"] = Text(task.DataSeed),
        ["participants"] = Text(task.Participants),
        ["train_samples_per_participant"] = Text(task.TrainSamplesPerParticipant),
        ["local_epochs"] = Text(task.LocalEpochs),
        ["learning_rate"] = task.LearningRate.ToString("R", CultureInfo.InvariantCulture),
    };

    static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
