import { addStaff, changeRole, setStaffActive, staffList, updatePractice } from '../../services/staff';
import type { HandlersFor } from '../context';

export const practiceHandlers: HandlersFor<'practice'> = {
  'practice.update': (input, { db, actor }) => updatePractice(db, actor, input),
};

export const staffHandlers: HandlersFor<'staff'> = {
  'staff.list': (_input, { db, actor }) => staffList(db, actor),
  'staff.add': (input, { db, actor }) => addStaff(db, actor, input),
  'staff.changeRole': (input, { db, sessions, actor }) => changeRole(db, sessions, actor, input),
  'staff.setActive': (input, { db, sessions, actor }) => setStaffActive(db, sessions, actor, input),
};
