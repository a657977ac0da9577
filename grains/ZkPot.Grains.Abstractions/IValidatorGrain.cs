namespace ZkPot.Grains;

/// <summary>A validator (key: same as its participant): identity, persisted last vote, and a consensus state machine fed by the round driver.</summary>
public interface IValidatorGrain : IGrainWithStringKey
{
    Task Initialize(ValidatorSetup setup);

    /// <summary>Delivers messages (already addressed to this validator) at logical time <paramref name="now"/>, then ticks; returns what the step produced.</summary>
    Task<ValidatorStep> Step(List<WireMessage> messages, long now);

    /// <summary>Participants whose updates this validator averaged when it led <paramref name="height"/>.</summary>
    Task<List<string>> AggregatedAt(long height);
}
