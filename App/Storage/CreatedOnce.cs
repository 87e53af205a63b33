namespace PrimeFunctions.Storage;

/// <summary>
/// Creates a container or table the first time it is needed, and only once it has worked: an attempt that fails
/// (storage down while the host starts, which under Azure Functions it may) is dropped, and the next caller tries
/// again instead of meeting the same failure for the life of the process.
/// </summary>
public sealed class CreatedOnce(Func<Task> create)
{
    private readonly Lock gate = new();
    private Task? attempt;

    public Task EnsureAsync()
    {
        lock (gate)
        {
            if (attempt is null || attempt.IsFaulted || attempt.IsCanceled)
            {
                attempt = create();
            }

            return attempt;
        }
    }
}
