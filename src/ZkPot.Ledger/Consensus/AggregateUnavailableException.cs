namespace ZkPot.Ledger.Consensus;

/// <summary>
/// Thrown by an <see cref="IAggregateChecker"/> when what it needs (the published model sum) cannot be fetched yet: the
/// validator prevotes nil this time but does not remember the verdict, so a late upload cannot split honest validators
/// into those that refused the block for good and those that accept it.
/// </summary>
public sealed class AggregateUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
