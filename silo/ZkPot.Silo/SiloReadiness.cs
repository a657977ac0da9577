using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace ZkPot.Silo;

/// <summary>Ready from the moment the silo joins the cluster and accepts calls (lifecycle stage Active) until it starts shutting down.</summary>
public sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>, IHealthCheck
{
    volatile bool _ready;

    public bool IsReady => _ready;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active,
            _ => { _ready = true; return Task.CompletedTask; },
            _ => { _ready = false; return Task.CompletedTask; });

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ready ? HealthCheckResult.Healthy("silo active") : HealthCheckResult.Unhealthy("silo not active"));
}
