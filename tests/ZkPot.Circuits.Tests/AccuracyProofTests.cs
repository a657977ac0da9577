using ZkPot.Snark.Formats;

namespace ZkPot.Circuits.Tests;

/// <summary>Real Groth16 proofs of accuracy on a one-hidden-unit model (a 2^14 circuit), one development key for the class.</summary>
[Trait("Category", "Slow")]
public class AccuracyProofTests
{
    static readonly Lazy<(AccuracyTask Task, ZKey Key)> Setup = new(() =>
    {
        var task = new AccuracyTask(Enumerable.Repeat((byte)7, 32).ToArray(), TestModels.Batch(4), hidden: 1);
        return (task, task.DevelopmentKey());
    });

    static readonly Fr Salt = Fr.FromUInt64(424242);
    static readonly Fr Alice = Fr.FromUInt64(1001), Bob = Fr.FromUInt64(1002);

    [Fact]
    public void An_honest_proof_verifies_and_reveals_only_the_statement()
    {
        var (task, key) = Setup.Value;
        var model = TestModels.Random(5, hidden: 1);
        var (proof, statement) = task.Prove(key, model, Salt, round: 3, Alice);
        Assert.Equal(model.CountCorrect(task.TestBatch), statement.Correct);
        Assert.Equal(ModelCommitment.Compute(model, Salt), statement.Commitment);
        Assert.True(AccuracyTask.Verify(AccuracyTask.VerifyingKeyOf(key), statement, proof));
    }

    [Fact]
    public void A_claim_one_above_the_truth_has_no_witness_and_a_forged_count_fails()
    {
        var (task, key) = Setup.Value;
        var model = TestModels.Random(6, hidden: 1);
        int truth = model.CountCorrect(task.TestBatch);
        var e = Assert.Throws<InvalidOperationException>(() => task.Prove(key, model, Salt, 3, Alice, claimedCorrect: truth + 1));
        Assert.Contains("correct count", e.Message);

        var (proof, statement) = task.Prove(key, model, Salt, 3, Alice);
        Assert.False(AccuracyTask.Verify(AccuracyTask.VerifyingKeyOf(key), statement with { Correct = truth + 1 }, proof));
    }

    [Fact]
    public void A_proof_is_bound_to_its_participant_round_task_and_commitment()
    {
        var (task, key) = Setup.Value;
        var vk = AccuracyTask.VerifyingKeyOf(key);
        var (proof, statement) = task.Prove(key, TestModels.Random(7, hidden: 1), Salt, 3, Alice);
        Assert.True(AccuracyTask.Verify(vk, statement, proof));
        Assert.False(AccuracyTask.Verify(vk, statement with { Participant = Bob }, proof));
        Assert.False(AccuracyTask.Verify(vk, statement with { Round = 4 }, proof));
        Assert.False(AccuracyTask.Verify(vk, statement with { Task = statement.Task + Fr.One }, proof));
        Assert.False(AccuracyTask.Verify(vk, statement with { Commitment = statement.Commitment + Fr.One }, proof));
    }

    [Fact]
    public void A_key_for_another_shape_is_refused()
    {
        var (_, key) = Setup.Value;
        var other = new AccuracyTask(new byte[32], TestModels.Batch(2), hidden: 1);
        var e = Assert.Throws<InvalidDataException>(() => other.Prove(key, TestModels.Random(8, hidden: 1), Salt, 1, Alice));
        Assert.Contains("wires", e.Message);
    }
}
