using Microsoft.Extensions.DependencyInjection;
using ZkPot.Circuits;
using ZkPot.Grains.Services;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Adversary;

/// <summary>Trains a poisoned model (flipped labels, a flipped and scaled update, noise, or biases of 1e9 and more) and proves its accuracy honestly.</summary>
sealed class PoisonedTraining(AttackKind kind) : Adversary
{
    public override AttackKind Kind => kind;

    protected override void Services(IServiceCollection services) => services.AddSingleton<IParticipantBehaviour>(new Counted(this, kind switch
    {
        AttackKind.LabelFlip => new LabelFlipBehaviour(),
        AttackKind.SignFlip => new SignFlipBehaviour(4f),
        AttackKind.NoiseUpdate => new GaussianNoiseBehaviour(1f),
        AttackKind.PoisonScale => new HugeBiasBehaviour(),
        _ => throw new ArgumentException($"{kind} is not a training attack"),
    }));

    sealed class Counted(PoisonedTraining adversary, IParticipantBehaviour inner) : IParticipantBehaviour
    {
        public string Name => inner.Name;

        public float[] LocalUpdate(IFloatModel global, Dataset shard, SgdOptions options)
        {
            adversary.Act();
            return inner.LocalUpdate(global, shard, options);
        }
    }

    sealed class HugeBiasBehaviour : IParticipantBehaviour
    {
        public string Name => "poison-scale";

        public float[] LocalUpdate(IFloatModel global, Dataset shard, SgdOptions options) =>
            UpdateAttacks.HugeBiases(((FloatMlp)global).Hidden, new HonestBehaviour().LocalUpdate(global, shard, options));
    }
}

/// <summary>
/// Wants to lead (a chosen key, a model fitted to the public batch), then, as leader, publishes its own model in place of the
/// mean (a model tuned to the public batch) or leaves one included update out of the sum.
/// </summary>
sealed class LeaderAggregate(AttackKind kind) : Adversary
{
    public override AttackKind Kind => kind;

    protected override bool WantsToLead => true;

    protected override void Services(IServiceCollection services)
    {
        base.Services(services);
        services.AddSingleton<IAggregateMaker>(new ByzantineMaker(this, kind));
    }

    sealed class ByzantineMaker(LeaderAggregate adversary, AttackKind kind) : IAggregateMaker
    {
        public AggregateResult? Make(IContentStore store, TaskContext task, BlockHeader tip, NodeId leader, IReadOnlyList<AccuracyClaim> ranked,
                                     IReadOnlyDictionary<NodeId, ModelOpening> openings)
        {
            adversary.Act();
            return kind == AttackKind.LeaderDrop
                ? ByzantineLeaders.Drop(store, task, tip, ranked, openings, leader)
                : ByzantineLeaders.Substitute(store, task, tip, GlobalModel.LoadSum(store, task, tip.ModelCid), ranked, openings, leader);
        }
    }
}

/// <summary>
/// A would-be Byzantine leader's way to the top of the ranking: honest training, three times as long as the task says,
/// then the model fitted to the public test batch that claims are scored on, so that it proves the best count there.
/// The claim is true (the batch is public, and nothing stops a member from training on it); longer training alone left
/// an honest model ahead at seven members.
/// </summary>
sealed class TopOfTheRanking(Func<TaskContext> taskOf) : IParticipantBehaviour
{
    public string Name => "top-of-the-ranking";

    public float[] LocalUpdate(IFloatModel global, Dataset shard, SgdOptions options)
    {
        var task = taskOf();
        var batch = task.TestBatch;
        var model = (FloatMlp)SgdTrainer.Train(global, shard, options with { Epochs = 3 * options.Epochs }).Model;
        // Ten epochs on the batch at a time, keeping the model whose quantized form (the one proven) classifies the most
        // of it: trained on too long, the weights outgrow the task's fixed-point format and the proven count falls again.
        var best = (Count: task.Quantize(model).CountCorrect(batch), Model: model);
        for (int i = 0; i < 50 && best.Count < batch.Count; i++)
        {
            model = (FloatMlp)SgdTrainer.Train(model, batch, options with { Epochs = 10, LearningRate = 0.05f, Seed = options.Seed + i }).Model;
            int count = task.Quantize(model).CountCorrect(batch);
            if (count > best.Count) best = (count, model);
        }
        return best.Model.Parameters;
    }
}
