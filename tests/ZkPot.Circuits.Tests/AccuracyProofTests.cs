using ZkPot.Learning;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;

namespace ZkPot.Circuits.Tests;

/// <summary>Real commit-and-prove Groth16 proofs of accuracy on a one-hidden-unit model, one development key for the class.</summary>
[Trait("Category", "Slow")]
public class AccuracyProofTests
{
    const int M1 = 2000;

    static readonly Lazy<(AccuracyTask Task, ZKey Key)> Setup = new(() =>
    {
        var task = new AccuracyTask(Enumerable.Repeat((byte)7, 32).ToArray(), TestModels.Batch(4), hidden: 1, new FixedPointFormat(0.01, 0.01, M1));
        return (task, task.DevelopmentKey());
    });

    static readonly Fr Mask = Fr.FromUInt64(424242);
    static readonly Fr Alice = Fr.FromUInt64(1001), Bob = Fr.FromUInt64(1002);

    static QuantizedMlp Model(int seed) => TestModels.Random(seed, hidden: 1, m1: M1);

    [Fact]
    public void An_honest_proof_verifies_in_192_bytes_and_its_d_opens_to_the_model_and_mask()
    {
        var (task, key) = Setup.Value;
        var vk = AccuracyTask.VerifyingKeyOf(key);
        var model = Model(5);
        var (proof, statement) = task.Prove(key, model, Mask, round: 3, Alice);
        Assert.Equal(model.CountCorrect(task.TestBatch), statement.Correct);
        Assert.Equal(192, proof.ToCompressed().Length);
        Assert.True(AccuracyTask.Verify(vk, statement, Proof.FromCompressed(proof.ToCompressed())));
        Assert.True(ModelOpening.Of(model, Mask).Opens(vk.Commitment!, proof.Commitment!.D));
        Assert.False(ModelOpening.Of(model, Mask + Fr.One).Opens(vk.Commitment!, proof.Commitment.D));
        Assert.False(ModelOpening.Of(Model(6), Mask).Opens(vk.Commitment!, proof.Commitment.D));
    }

    [Fact]
    public void A_proof_for_a_stronger_model_does_not_open_to_a_weaker_one()
    {
        // The cheater proves its best model's count, then hands the leader the opening of another model (the one it
        // wants aggregated). D binds the integers: no mask it can pick makes the other model open D.
        var (task, key) = Setup.Value;
        var vk = AccuracyTask.VerifyingKeyOf(key);
        var models = Enumerable.Range(1, 12).Select(Model).OrderByDescending(m => m.CountCorrect(task.TestBatch)).ToList();
        var (strong, weak) = (models[0], models[^1]);
        Assert.True(strong.CountCorrect(task.TestBatch) > weak.CountCorrect(task.TestBatch));
        var d = task.Prove(key, strong, Mask, 3, Alice).Proof.Commitment!.D;
        Assert.True(ModelOpening.Of(strong, Mask).Opens(vk.Commitment!, d));
        foreach (var mask in new[] { Mask, Mask + Fr.One, Fr.Random(), Fr.Zero })
            Assert.False(ModelOpening.Of(weak, mask).Opens(vk.Commitment!, d));
    }

    [Fact]
    public void The_same_model_under_two_masks_gives_unrelated_commitments()
    {
        var (task, key) = Setup.Value;
        var model = Model(5);
        var first = task.Prove(key, model, Mask, 3, Alice).Proof.Commitment!.D;
        var second = task.Prove(key, model, Fr.Random(), 3, Alice).Proof.Commitment!.D;
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_claim_one_above_the_truth_has_no_witness_and_a_forged_count_fails()
    {
        var (task, key) = Setup.Value;
        var model = Model(6);
        int truth = model.CountCorrect(task.TestBatch);
        var e = Assert.Throws<InvalidOperationException>(() => task.Prove(key, model, Mask, 3, Alice, claimedCorrect: truth + 1));
        Assert.Contains("correct count", e.Message);

        var (proof, statement) = task.Prove(key, model, Mask, 3, Alice);
        Assert.False(AccuracyTask.Verify(AccuracyTask.VerifyingKeyOf(key), statement with { Correct = truth + 1 }, proof));
    }

    [Fact]
    public void A_proof_is_bound_to_its_participant_round_task_and_commitment()
    {
        var (task, key) = Setup.Value;
        var vk = AccuracyTask.VerifyingKeyOf(key);
        var (proof, statement) = task.Prove(key, Model(7), Mask, 3, Alice);
        Assert.True(AccuracyTask.Verify(vk, statement, proof));
        Assert.False(AccuracyTask.Verify(vk, statement with { Participant = Bob }, proof));
        Assert.False(AccuracyTask.Verify(vk, statement with { Round = 4 }, proof));
        Assert.False(AccuracyTask.Verify(vk, statement with { Task = statement.Task + Fr.One }, proof));
        // Another model's D on this proof (the copied-commitment attack) fails the proof of knowledge or the pairing.
        var other = task.Prove(key, Model(8), Mask, 3, Bob).Proof.Commitment!;
        Assert.False(AccuracyTask.Verify(vk, statement, proof with { Commitment = other }));
        Assert.False(AccuracyTask.Verify(vk, statement, proof with { Commitment = proof.Commitment! with { D = other.D } }));
    }

    [Fact]
    public void A_key_for_another_shape_or_multiplier_is_refused()
    {
        var (_, key) = Setup.Value;
        var other = new AccuracyTask(new byte[32], TestModels.Batch(2), hidden: 1, new FixedPointFormat(0.01, 0.01, M1));
        var e = Assert.Throws<InvalidDataException>(() => other.Prove(key, Model(8), Mask, 1, Alice));
        Assert.Contains("wires", e.Message);
        var model = Model(8);
        var otherM1 = new AccuracyTask(new byte[32], TestModels.Batch(4), hidden: 1, new FixedPointFormat(0.01, 0.01, M1 + 1));
        // Another M1 changes the decomposition widths (M1 = 2001 is odd, 2000 = 125 * 2^4), so the key's shape no longer matches.
        var refused = Record.Exception(() => otherM1.Prove(key, model, Mask, 1, Alice));
        Assert.True(refused is InvalidDataException or ArgumentException, $"not refused: {refused}");
    }
}
