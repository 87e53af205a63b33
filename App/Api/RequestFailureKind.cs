namespace PrimeFunctions.Api;

/// <summary>Who a request failure is down to, and so what it answers.</summary>
public enum RequestFailureKind
{
    ClientGone,
    ClientMistake,
    Outage,
    Bug,
}
