using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Primitives;
using PrimeFunctions.Api;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// The local host makes its public URLs from the origin of each request, so it serves only requests whose Host it
/// trusts: the setting <c>AllowedHosts</c> (';'-separated; <c>*.example.com</c> and <c>*</c> work as in ASP.NET Core),
/// loopback names by default. Any other Host is a 400 problem naming the header. ASP.NET Core's own host filtering
/// reads the same setting but answers with an HTML page, so it is left open and this check answers instead.
/// </summary>
public static class AllowedHostsCheck
{
    public const string SettingName = "AllowedHosts";
    public const string Loopback = "localhost;127.0.0.1;[::1]";

    public static void AddAllowedHostsCheck(this IServiceCollection services) =>
        services.Configure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);

    public static void UseAllowedHostsCheck(this WebApplication app)
    {
        var setting = app.Configuration[SettingName] is { Length: > 0 } configured ? configured : Loopback;
        var allowed = setting.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => new StringSegment(h)).ToList();
        var anyHost = allowed.Any(h => h == "*");
        app.Use((context, next) =>
            context.Request.Host.HasValue && (anyHost || HostString.MatchesAny(context.Request.Host.Value, allowed))
                ? next(context)
                : Problems.Invalid("Host", $"must name this service: one of {setting} (the setting {SettingName}).").ExecuteAsync(context));
    }

    /// <summary>Refuses cross-site state changes on every route, the built-in durable ones included (<see cref="CrossSiteRequestRule"/>).</summary>
    public static void UseCrossSiteRequestRule(this WebApplication app)
    {
        var rule = app.Services.GetRequiredService<CrossSiteRequestRule>();
        app.Use((context, next) => rule.Refuse(context.Request) is { } refusal ? refusal.ExecuteAsync(context) : next(context));
    }
}
