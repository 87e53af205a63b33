using PrimeFunctions.Api;

namespace PrimeFunctions.LocalHost.DurableApi;

/// <summary>
/// The extension's entity routes for an app that has no entity functions, as the extension answers them: reading an
/// entity finds none (404), listing finds none (200, empty), and signalling or deleting one is a 400, since signals
/// go only to entity functions the app has.
/// </summary>
public static class EntityRoutes
{
    public static void MapEntityRoutes(this IEndpointRouteBuilder api)
    {
        api.MapGet("/entities/{entityName?}", () => Results.Ok(Array.Empty<object>()));
        api.MapGet("/entities/{entityName}/{entityKey}", (string entityName, string entityKey) =>
            Problems.NotFound($"There is no entity @{entityName}@{entityKey}: this app has no entity functions."));
        api.MapMethods("/entities/{entityName}/{entityKey?}", [HttpMethods.Post, HttpMethods.Delete], (string entityName) =>
            Problems.Invalid("entityName", $"The function '{entityName}' doesn't exist, is disabled, or is not an entity function: this app has no entity functions."));
    }
}
