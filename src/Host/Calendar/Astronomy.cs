namespace MeetingAssist.Host.Calendar;

/// <summary>
/// The two astronomical quantities the lunisolar calendar needs, after Jean Meeus, <i>Astronomical Algorithms</i>
/// (2nd ed.): the instant of a new moon (ch. 49: mean phase plus the periodic and planetary terms, about a
/// minute of accuracy) and the sun's apparent longitude (ch. 25, low-accuracy series, about 0.01°, i.e. a quarter
/// of an hour of time). Instants are Julian days; the series give Terrestrial Time and <see cref="DeltaTSeconds"/>
/// converts them to Universal Time, since a calendar day is counted on the civil clock.
/// </summary>
public static class Astronomy
{
    /// <summary>Julian day of 0001-01-01 00:00 UT, so that <c>DateOnly.DayNumber + this</c> is that day's midnight.</summary>
    public const double JulianDayOfDayNumberZero = 1721425.5;

    private const double Radians = Math.PI / 180;

    /// <summary>The new moon number k (k = 0 is the new moon of 2000-01-06) whose mean phase is nearest to the Julian day.</summary>
    public static int NearestLunation(double julianDay) => (int)Math.Round((julianDay - 2451550.09766) / 29.530588861);

    /// <summary>The instant (Julian day, UT) of new moon number k.</summary>
    public static double NewMoon(int k)
    {
        double t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
        var jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
        var e = 1 - 0.002516 * t - 0.0000074 * t2;
        var m = Deg(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
        var mp = Deg(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
        var f = Deg(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
        var omega = Deg(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);

        var periodic =
            -0.40720 * Math.Sin(mp)
            + 0.17241 * e * Math.Sin(m)
            + 0.01608 * Math.Sin(2 * mp)
            + 0.01039 * Math.Sin(2 * f)
            + 0.00739 * e * Math.Sin(mp - m)
            - 0.00514 * e * Math.Sin(mp + m)
            + 0.00208 * e * e * Math.Sin(2 * m)
            - 0.00111 * Math.Sin(mp - 2 * f)
            - 0.00057 * Math.Sin(mp + 2 * f)
            + 0.00056 * e * Math.Sin(2 * mp + m)
            - 0.00042 * Math.Sin(3 * mp)
            + 0.00042 * e * Math.Sin(m + 2 * f)
            + 0.00038 * e * Math.Sin(m - 2 * f)
            - 0.00024 * e * Math.Sin(2 * mp - m)
            - 0.00017 * Math.Sin(omega)
            - 0.00007 * Math.Sin(mp + 2 * m)
            + 0.00004 * Math.Sin(2 * mp - 2 * f)
            + 0.00004 * Math.Sin(3 * m)
            + 0.00003 * Math.Sin(mp + m - 2 * f)
            + 0.00003 * Math.Sin(2 * mp + 2 * f)
            - 0.00003 * Math.Sin(mp + m + 2 * f)
            + 0.00003 * Math.Sin(mp - m + 2 * f)
            - 0.00002 * Math.Sin(mp - m - 2 * f)
            - 0.00002 * Math.Sin(3 * mp + m)
            + 0.00002 * Math.Sin(4 * mp);

        // The planetary arguments A1..A14 (Meeus table 49.B).
        var planetary =
            0.000325 * Math.Sin(Deg(299.77 + 0.107408 * k - 0.009173 * t2))
            + 0.000165 * Math.Sin(Deg(251.88 + 0.016321 * k))
            + 0.000164 * Math.Sin(Deg(251.83 + 26.651886 * k))
            + 0.000126 * Math.Sin(Deg(349.42 + 36.412478 * k))
            + 0.000110 * Math.Sin(Deg(84.66 + 18.206239 * k))
            + 0.000062 * Math.Sin(Deg(141.74 + 53.303771 * k))
            + 0.000060 * Math.Sin(Deg(207.14 + 2.453732 * k))
            + 0.000056 * Math.Sin(Deg(154.84 + 7.306860 * k))
            + 0.000047 * Math.Sin(Deg(34.52 + 27.261239 * k))
            + 0.000042 * Math.Sin(Deg(207.19 + 0.121824 * k))
            + 0.000040 * Math.Sin(Deg(291.34 + 1.844379 * k))
            + 0.000037 * Math.Sin(Deg(161.72 + 24.198154 * k))
            + 0.000035 * Math.Sin(Deg(239.56 + 25.513099 * k))
            + 0.000023 * Math.Sin(Deg(331.55 + 3.592518 * k));

        var terrestrial = jde + periodic + planetary;
        return terrestrial - DeltaTSeconds(YearOf(terrestrial)) / 86400;
    }

    /// <summary>The sun's apparent geocentric longitude in degrees [0, 360) at a Julian day (UT).</summary>
    public static double SunLongitude(double julianDayUt)
    {
        var jde = julianDayUt + DeltaTSeconds(YearOf(julianDayUt)) / 86400;
        var t = (jde - 2451545.0) / 36525;
        var meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
        var meanAnomaly = Deg(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
        var center = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.Sin(meanAnomaly)
            + (0.019993 - 0.000101 * t) * Math.Sin(2 * meanAnomaly)
            + 0.000289 * Math.Sin(3 * meanAnomaly);
        var omega = Deg(125.04 - 1934.136 * t);
        // Nutation and aberration, the two terms that turn the true longitude into the apparent one.
        var apparent = meanLongitude + center - 0.00569 - 0.00478 * Math.Sin(omega);
        return Normalize(apparent);
    }

    /// <summary>The instant (Julian day, UT) near <paramref name="guess"/> when the sun's apparent longitude is <paramref name="longitude"/>.</summary>
    public static double SunReaches(double longitude, double guess)
    {
        var jd = guess;
        for (var i = 0; i < 20; i++)
        {
            var difference = Normalize(longitude - SunLongitude(jd) + 180) - 180;
            // The sun moves about 360° in a tropical year; Newton steps on that rate converge in a few rounds.
            var step = difference * 365.2422 / 360;
            jd += step;
            if (Math.Abs(step) < 1e-7) break;
        }
        return jd;
    }

    /// <summary>
    /// TT − UT in seconds: the Espenak–Meeus polynomials for 1986–2050 and the long-term parabola outside them.
    /// It moves an instant by about a minute, which only matters when a new moon falls within a minute of midnight.
    /// </summary>
    public static double DeltaTSeconds(double year)
    {
        if (year is >= 1986 and < 2005)
        {
            var t = year - 2000;
            return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * Math.Pow(t, 4) + 0.00002373599 * Math.Pow(t, 5);
        }
        if (year is >= 2005 and < 2050)
        {
            var t = year - 2000;
            return 62.92 + 0.32217 * t + 0.005589 * t * t;
        }
        var u = (year - 1820) / 100;
        return -20 + 32 * u * u;
    }

    private static double YearOf(double julianDay) => 2000 + (julianDay - 2451545.0) / 365.25;

    private static double Deg(double degrees) => Normalize(degrees) * Radians;

    private static double Normalize(double degrees)
    {
        var value = degrees % 360;
        return value < 0 ? value + 360 : value;
    }
}
