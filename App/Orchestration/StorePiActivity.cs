using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>Keeps a computed π(x) for later jobs.</summary>
public sealed class StorePiActivity(PiValueStore store)
{
    public Task RunAsync(PiValue value) => store.StoreAsync(value);
}
