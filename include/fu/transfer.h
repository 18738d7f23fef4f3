/* SPDX-License-Identifier: MIT */
/*
 * transfer.h - data in and out: the umbrella over export.h (the whole
 * database as one JSON document), import.h (reading it back), csv.h
 * (applications from a spreadsheet) and ics.h (what is due, as an
 * iCalendar feed).
 */
#ifndef FU_TRANSFER_H
#define FU_TRANSFER_H

#include "fu/export.h"
#include "fu/import.h"
#include "fu/csv.h"
#include "fu/ics.h"

#endif
