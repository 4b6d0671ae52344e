const pattern =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Adds an ISO 8601 duration (P1Y6M, P30D, PT12H…) to a time in calendar terms; undefined when the duration is malformed. */
export function addDuration(start: Date, duration: string): Date | undefined {
  return shift(start, duration, 1);
}

/** Subtracts an ISO 8601 duration from a time in calendar terms (the start of a retention period that ends now); undefined when the duration is malformed. */
export function subtractDuration(end: Date, duration: string): Date | undefined {
  return shift(end, duration, -1);
}

function shift(start: Date, duration: string, sign: 1 | -1): Date | undefined {
  const match = pattern.exec(duration);
  if (match === null || duration === 'P' || duration.endsWith('T')) {
    return undefined;
  }
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : sign * Number(part)));
  const end = new Date(start.getTime());
  // Like Temporal, a month step clamps to the month's last day: Jan 31 + P1M is Feb 28 or 29.
  const dayOfMonth = end.getUTCDate();
  end.setUTCDate(1);
  end.setUTCFullYear(end.getUTCFullYear() + (years ?? 0), end.getUTCMonth() + (months ?? 0));
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(dayOfMonth, lastDay));
  end.setUTCDate(end.getUTCDate() + (weeks ?? 0) * 7 + (days ?? 0));
  end.setUTCHours(
    end.getUTCHours() + (hours ?? 0),
    end.getUTCMinutes() + (minutes ?? 0),
    end.getUTCSeconds() + (seconds ?? 0),
  );
  return end;
}
