/* SPDX-License-Identifier: MIT */
/*
 * store.h - contacts, applications, events and the actions owed, kept in
 * the user's SQLite file: the umbrella over their headers. Every write
 * is one BEGIN IMMEDIATE transaction that also brings the affected
 * subjects' actions up to date, so reading what is due never replays
 * history (store.c).
 */
#ifndef FU_STORE_H
#define FU_STORE_H

#include "fu/fu.h"
#include "fu/model.h"
#include "fu/rules.h"
#include "fu/contacts.h"
#include "fu/applications.h"
#include "fu/events.h"
#include "fu/ref.h"
#include "fu/actions.h"
#include "fu/config.h"

#endif
